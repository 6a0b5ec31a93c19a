import { SetMetadata } from '@nestjs/common';
import type { RequestDefinition } from '@seatkeeper/contracts';

export const ON_REQUEST = Symbol('seatkeeper:on-request');

/**
 * Marks a method as the answer to a request-reply subject. It receives the validated request
 * DTO; what it returns is the reply; an RpcException it throws becomes a typed error reply.
 */
export const OnRequest = (definition: RequestDefinition) => SetMetadata(ON_REQUEST, definition);
