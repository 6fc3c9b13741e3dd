import { actionItemOperations } from './actionItemOperations';
import { incidentOperations } from './incidentOperations';
import { onCallOperations } from './onCallOperations';
import { OperationRow } from './OperationMatrix';
import { pagingOperations } from './pagingOperations';
import { runbookOperations } from './runbookOperations';
import { postmortemOperations } from './postmortemOperations';
import { serviceOperations } from './serviceOperations';

/** Every row of the auth matrix, by feature area; `authMatrix.test.ts` says how to add one. */
export const operationMatrix: OperationRow[] = [
  ...serviceOperations,
  ...incidentOperations,
  ...pagingOperations,
  ...onCallOperations,
  ...runbookOperations,
  ...actionItemOperations,
  ...postmortemOperations,
];

export * from './OperationMatrix';
export { MatrixSetup, MATRIX_NOW } from './MatrixSetup';
export { RequestTally } from './RequestTally';
export { snapshotDatabase } from './DatabaseSnapshot';
export { TestTokenIssuer, payloadOf } from './TestTokenIssuer';
export { realAuthentication } from './realAuthentication';
