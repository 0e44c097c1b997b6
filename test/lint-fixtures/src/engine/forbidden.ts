// engine imports shared and itself only: not the hosts, not the views, not electron.
import { app } from 'electron'; // reported
import { startMain } from '../main/index'; // reported
import { startWeb } from '../web/main'; // reported
import { runCli } from '../cli/main'; // reported
import { App } from '../renderer/App'; // reported
import { bridge } from '../preload/index'; // reported
import 'electron/main'; // reported
import { startPlatformStandIn } from '../stand-ins/platform/start-platform-stand-in'; // reported
export { startPlatformStandIn };
