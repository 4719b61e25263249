/** The server's page texts for the HTTP layer (the catalogues live in core/messages). */
export { message, messagesFor as serverMessages } from '../../../core/messages/index.js';
