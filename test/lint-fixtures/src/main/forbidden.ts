// main, web and cli are siblings: none imports another.
import { startWeb } from '../web/main'; // reported
import { runCli } from '../cli/main'; // reported
import { App } from '../renderer/App'; // reported
