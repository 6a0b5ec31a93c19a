// The services `npm start` runs, their ports and the source they boot from.
export const SERVICES = [
  { name: 'credential-vault', internalPort: 9101 },
  { name: 'integration-sync', internalPort: 9102 },
  { name: 'mapping', internalPort: 9103 },
  { name: 'workflow', internalPort: 9104 },
  { name: 'reporting', internalPort: 9105 },
  { name: 'gateway', internalPort: 9100, httpPort: 3000 },
];

export const SIMULATOR = { name: 'pagerduty-sim', main: 'tools/pagerduty-sim/src/main.ts', port: 8090 };
