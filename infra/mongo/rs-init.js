// mongosh script of docker-compose.cluster.yml's one-shot `mongo-init`: initiate replica set rs0
// of mongo1..3 once (a second run finds it initiated), then wait until it has a primary.
/* global rs, print, sleep, quit */
const members = [
  { _id: 0, host: 'mongo1:27017', priority: 2 },
  { _id: 1, host: 'mongo2:27017', priority: 1 },
  { _id: 2, host: 'mongo3:27017', priority: 1 },
];
try {
  rs.status();
  print('rs0 is initiated already');
} catch (err) {
  if (err.codeName !== 'NotYetInitialized') throw err;
  rs.initiate({ _id: 'rs0', members });
  print('rs0 initiated');
}
for (let i = 0; i < 120; i++) {
  const status = rs.status();
  if (status.members?.some((m) => m.stateStr === 'PRIMARY')) {
    print('rs0 has a primary');
    quit(0);
  }
  sleep(1000);
}
print('rs0 has no primary after 120 s');
quit(1);
