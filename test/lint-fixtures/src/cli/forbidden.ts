import { createWindow } from '../main/window'; // reported
import { startWeb } from '../web/main'; // reported
import { shell } from 'electron'; // reported
import { startS3Store } from '../stand-ins/s3-store/start-s3-store'; // reported
export { startS3Store };
