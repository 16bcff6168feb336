/** Someone a mail goes to: an address, and a name to greet them by when one is known. */
export interface Recipient {
  email: string;
  name?: string;
}
