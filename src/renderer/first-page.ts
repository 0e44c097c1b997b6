import { firstPageInput } from './store/library-query';
import { withHeadStart } from './transport/head-start';
import { pickTransport, type TransportChoice } from './transport/pick-transport';

/**
 * The window's transport, with the Library's first page already asked for. main.tsx imports
 * this right after zod-jitless, so it runs before React, the contract's schemas and the
 * app's own modules are evaluated (a third of a second of the start on a busy machine): the
 * engine answers while the rest of the script loads, and the store's first `loadAssets`
 * takes that answer instead of asking again.
 */
export const transportChoice: TransportChoice = headStart(pickTransport(window));

function headStart(choice: TransportChoice): TransportChoice {
  if (choice.kind === 'no-token') return choice;
  return {
    ...choice,
    // An asset added or removed before the store follows assets.changed would be in neither
    // the early page nor an event the store sees: such a change drops the early answer.
    transport: withHeadStart(choice.transport, 'assets.search', firstPageInput(), 'assets.changed'),
  };
}
