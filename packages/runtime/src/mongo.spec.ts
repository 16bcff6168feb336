import { replicaSetOptions } from './mongo';

describe('MongoDB options on a replica set', () => {
  it('asks for majority writes and reads, from the primary, retried once, when the URL names a replica set', () => {
    expect(replicaSetOptions('mongodb://mongo1:27017,mongo2:27017,mongo3:27017/?replicaSet=rs0')).toEqual({
      writeConcern: { w: 'majority', journal: true, wtimeoutMS: 10_000 },
      readConcern: { level: 'majority' },
      readPreference: 'primary',
      retryWrites: true,
      retryReads: true,
    });
  });

  it('keeps the driver defaults on a single server or FerretDB', () => {
    expect(replicaSetOptions('mongodb://127.0.0.1:27017/')).toEqual({});
    expect(replicaSetOptions('mongodb://127.0.0.1:27018/?directConnection=true')).toEqual({});
  });

  it('lets the URL choose otherwise', () => {
    expect(replicaSetOptions('mongodb://a,b,c/db?replicaset=rs0&w=1&readConcernLevel=local&retryWrites=false')).toEqual({
      readPreference: 'primary',
      retryReads: true,
    });
  });
});
