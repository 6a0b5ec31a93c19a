import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { fieldErrors } from './problem';

/** `@Param('id', ParseUuidPipe)`: a 400 naming the parameter when it is not a UUID. */
@Injectable()
export class ParseUuidPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && isUUID(value)) return value.toLowerCase();
    const field = metadata.data ?? 'id';
    throw fieldErrors([{ field, messages: [`${field} must be a UUID`] }]);
  }
}
