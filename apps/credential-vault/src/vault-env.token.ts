/** Injection token of the validated CredentialVaultEnv. */
export const VAULT_ENV = Symbol('VAULT_ENV');
