import { describeServiceBasics } from '@seatkeeper/testing';
import { credentialVaultService } from '../src/service-definition';

describeServiceBasics(credentialVaultService, 'apps/credential-vault/src/main.ts');
