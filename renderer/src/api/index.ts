// The renderer's one client of the contract. Stores use it; components never touch a transport.
import { createClient } from '../../../shared/api/client.ts';
import { chooseTransport } from './transports.ts';

export const client = createClient(chooseTransport());
export const api = client.api;
