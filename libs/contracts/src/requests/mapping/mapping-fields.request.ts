import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { defineRequest } from '../../define-request';
import { CUSTOM_FIELD_TYPES, EmptyRequest, type CustomFieldType } from './mapping-definition.dto';

export interface TargetFieldView {
  /** e.g. `person.email`, `saasUser.vendorRole`, `custom.pagerduty_user_id`. */
  target: string;
  entity: 'person' | 'saasUser' | 'custom';
  label: string;
  type: CustomFieldType;
  /** Only unique fields may be sync keys. */
  unique: boolean;
  maxLength?: number;
  /** Allowed values, when the field takes one from a list (e.g. directory roles). */
  allowed?: readonly string[];
}

export interface CustomFieldView {
  id: string;
  key: string;
  name: string;
  type: CustomFieldType;
  unique: boolean;
  createdAt: string;
}

export class CreateCustomFieldRequest {
  /** Shown to admins, e.g. `PagerDuty User ID`. */
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  /** Stable key (default: from the name, e.g. `pagerduty_user_id`). */
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{0,59}$/)
  key?: string;

  @IsIn(CUSTOM_FIELD_TYPES)
  type!: CustomFieldType;

  /** A unique field holds a different value for every person and may be a sync key. */
  @IsBoolean()
  unique!: boolean;
}

export const MappingTargetFieldsList = defineRequest<{ data: TargetFieldView[] }>(
  'mapping.target-fields.list',
  EmptyRequest,
  'mapping',
);

export const MappingCustomFieldsCreate = defineRequest<CustomFieldView>(
  'mapping.custom-fields.create',
  CreateCustomFieldRequest,
  'mapping',
);

export const MappingCustomFieldsList = defineRequest<{ data: CustomFieldView[] }>(
  'mapping.custom-fields.list',
  EmptyRequest,
  'mapping',
);
