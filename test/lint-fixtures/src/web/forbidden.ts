import { createWindow } from '../main/window'; // reported
import { runCli } from '../cli/main'; // reported
import { net } from 'electron'; // reported
import { startStore as webStore } from '../stand-ins/s3-store/start-store'; // reported
export { webStore };
