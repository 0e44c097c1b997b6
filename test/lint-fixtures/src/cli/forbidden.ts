import { createWindow } from '../main/window'; // reported
import { startWeb } from '../web/main'; // reported
import { shell } from 'electron'; // reported
