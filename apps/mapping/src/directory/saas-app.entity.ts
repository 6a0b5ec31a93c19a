import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** One vendor's app (`saas_app`, created by the vendor's first mapping definition); seat price and count are the operator's. */
@Entity({ tableName: 'saas_app' })
export class SaasApp {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', unique: true })
  vendor!: string;

  /** numeric(14,4), as text: a price must not pass through a float. */
  @Property({ type: 'decimal', precision: 14, scale: 4, fieldName: 'seat_price', nullable: true })
  seatPrice?: string | null;

  @Property({ type: 'character', length: 3, nullable: true })
  currency?: string | null;

  @Property({ type: 'integer', fieldName: 'seats_purchased', nullable: true })
  seatsPurchased?: number | null;

  @Property({ type: 'timestamptz', fieldName: 'created_at' })
  createdAt!: Date;

  @Property({ type: 'timestamptz', fieldName: 'updated_at' })
  updatedAt!: Date;
}
