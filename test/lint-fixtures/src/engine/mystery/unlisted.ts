// A new part must take its place in the order before it can import anything of the engine.
import { createLogger } from '../logging/logger'; // reported
export { createLogger };
