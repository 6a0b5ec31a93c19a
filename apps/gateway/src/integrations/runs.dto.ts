import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { RUN_STATUSES, type RunStatus, type RunView } from '@seatkeeper/contracts';
import { PageQueryDto } from '../http/pagination';
import type { SnakeCased } from '../http/public-names';

// Runs of an integration: the sync service's RunView in snake_case (../http/public-names), which
// RunDto implements so the two cannot drift; `duration_ms` is added deliberately.

export class ListRunsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: RUN_STATUSES })
  @IsOptional()
  @IsIn(RUN_STATUSES)
  status?: RunStatus;
}

class RunCountsView {
  @ApiProperty({ description: 'Batches published to mapping' }) pages!: number;
  @ApiProperty({ description: 'Requests made to the vendor' }) requests!: number;
  @ApiProperty({ description: 'Distinct records fetched' }) fetched!: number;
  @ApiProperty({ type: Number, nullable: true, description: "The vendor's own total, when it gave one" }) vendor_total!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Applied by mapping (once reported)' }) applied!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Quarantined by mapping (once reported)' }) quarantined!: number | null;
}

class RunErrorView {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() message!: string;
}

export class RunDto implements SnakeCased<RunView> {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) integration_id!: string;
  @ApiProperty({ enum: ['schedule', 'manual'] }) trigger!: 'schedule' | 'manual';
  @ApiProperty({ enum: RUN_STATUSES }) status!: RunStatus;
  @ApiProperty({ minimum: 0, maximum: 1, description: 'Fetching progress (records fetched / vendor total); 1 once fetched' })
  progress!: number;
  @ApiProperty({ type: RunCountsView }) counts!: RunCountsView;
  @ApiProperty({ type: Boolean, nullable: true, description: 'Whether every record was fetched (null until known)' }) complete!: boolean | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why the run is incomplete or failed' }) reason!: string | null;
  @ApiProperty({ type: [RunErrorView] }) errors!: RunErrorView[];
  @ApiProperty({ format: 'date-time' }) queued_at!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) started_at!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'When fetching ended' }) fetched_at!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) finished_at!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'finished_at − started_at in ms, once finished' }) duration_ms!: number | null;
}
