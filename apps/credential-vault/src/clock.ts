import { Injectable } from '@nestjs/common';

/** The vault's notion of now; one place for tests to move time (OAuth token renewal). */
@Injectable()
export class Clock {
  now(): number {
    return Date.now();
  }
}
