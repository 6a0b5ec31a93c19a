import 'reflect-metadata';
import { main } from '@seatkeeper/platform-service';
import { credentialVaultService } from './service-definition';

void main(credentialVaultService);
