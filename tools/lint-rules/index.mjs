import noFocusedTests from './no-focused-tests.mjs';
import gatewayRoutesGuarded from './gateway-routes-guarded.mjs';

/** Workspace lint rules that encode Seatkeeper's own architecture. */
export default {
  meta: { name: 'seatkeeper' },
  rules: {
    'no-focused-tests': noFocusedTests,
    'gateway-routes-guarded': gatewayRoutesGuarded,
  },
};
