import { outageOf } from './outage';

describe('a dependency outage is a 503, never a 500', () => {
  it('recognises a bulk write that lost its connection, whatever the wrapper says', () => {
    for (const message of ['read ECONNRESET', 'connect ECONNREFUSED 127.0.0.1:27300', 'connection 7 to 127.0.0.1:27300 closed', 'write EPIPE']) {
      expect(outageOf({ name: 'MongoBulkWriteError', message, writeErrors: [] })).toMatchObject({ status: 503, code: 'database_unavailable' });
    }
  });

  it('leaves refused documents and other errors to the caller', () => {
    const duplicate = { name: 'MongoBulkWriteError', message: 'read ECONNRESET', writeErrors: [{ code: 11000 }] };
    expect(outageOf(duplicate)).toBeUndefined();
    expect(outageOf({ name: 'MongoServerError', message: 'E11000 duplicate key error' })).toBeUndefined();
    expect(outageOf(new TypeError('x is undefined'))).toBeUndefined();
  });
});
