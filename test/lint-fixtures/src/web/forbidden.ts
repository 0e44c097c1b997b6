import { createWindow } from '../main/window'; // reported
import { runCli } from '../cli/main'; // reported
import { net } from 'electron'; // reported
