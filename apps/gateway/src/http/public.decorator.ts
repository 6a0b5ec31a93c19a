import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'seatkeeper:public';

/** Marks a route that needs no token. Explicit, so the guard lint rule can tell it from a forgotten guard. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
