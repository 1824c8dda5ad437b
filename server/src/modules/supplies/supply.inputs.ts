import { ArrayMaxSize, ArrayMinSize, IsEmail, IsOptional, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { MoneyScalar } from '../../graphql/scalars/money.js';
import { IsNotBlank, IsUsPhone } from '../../lib/validation.js';
import { SupplyCategory } from './supply.type.js';

const MAX_UNITS = 1_000_000;

@InputType()
export class CreateSupplierInput {
  @Field(() => String) @IsNotBlank() @Length(1, 120) name!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsEmail() email?: string | null;
  @Field(() => String, { nullable: true, description: 'E.164 (+1NXXNXXXXXX).' }) @IsOptional() @IsUsPhone() phone?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 60) accountNumber?: string | null;
}

@InputType({ description: 'Fields to change; omitted fields stay as they are.' })
export class UpdateSupplierInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => String, { nullable: true }) @IsOptional() @IsNotBlank() @Length(1, 120) name?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsEmail() email?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsUsPhone() phone?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 60) accountNumber?: string | null;
  @Field(() => Boolean, { nullable: true }) active?: boolean | null;
}

@InputType()
export class CreateSupplyItemInput {
  @Field(() => String) @IsNotBlank() @Length(1, 120) name!: string;
  @Field(() => String, { description: 'Unique within the practice (letters, digits, - _ . /).' }) @Matches(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/, { message: 'must be 1-40 letters, digits or . _ / -' }) sku!: string;
  @Field(() => SupplyCategory) category!: SupplyCategory;
  @Field(() => String, { description: 'One unit (glove, vial).' }) @IsNotBlank() @Length(1, 30) unit!: string;
  @Field(() => String, { description: 'One pack (box, case).' }) @IsNotBlank() @Length(1, 30) packUnit!: string;
  @Field(() => Int) @Min(1) @Max(100_000) packSize!: number;
  @Field(() => ID, { nullable: true }) preferredSupplierId?: string | null;
  @Field(() => MoneyScalar, { description: 'Price of one pack, in cents.' }) @Min(0) cost!: number;
  @Field(() => String, { nullable: true, description: 'HCPCS Level II code, checked against the code set in force today.' }) @IsOptional() @Matches(/^[A-Va-v][0-9]{4}$/, { message: 'must be a HCPCS Level II code (letter A-V + 4 digits)' }) hcpcsCode?: string | null;
  @Field(() => Boolean) lotTracked!: boolean;
}

@InputType({ description: 'Fields to change; omitted fields stay as they are. Lot tracking cannot change once the item has stock.' })
export class UpdateSupplyItemInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => String, { nullable: true }) @IsOptional() @IsNotBlank() @Length(1, 120) name?: string | null;
  @Field(() => SupplyCategory, { nullable: true }) category?: SupplyCategory | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(1) @Max(100_000) packSize?: number | null;
  @Field(() => ID, { nullable: true, description: 'Set; use clearPreferredSupplier to remove.' }) preferredSupplierId?: string | null;
  @Field(() => Boolean, { nullable: true }) clearPreferredSupplier?: boolean | null;
  @Field(() => MoneyScalar, { nullable: true }) @IsOptional() @Min(0) cost?: number | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(/^[A-Va-v][0-9]{4}$/, { message: 'must be a HCPCS Level II code (letter A-V + 4 digits)' }) hcpcsCode?: string | null;
  @Field(() => Boolean, { nullable: true }) clearHcpcsCode?: boolean | null;
  @Field(() => Boolean, { nullable: true }) active?: boolean | null;
}

@InputType()
export class SetSupplyLevelInput {
  @Field(() => ID) itemId!: string;
  @Field(() => ID) locationId!: string;
  @Field(() => Int) @Min(0) @Max(MAX_UNITS) reorderPoint!: number;
  @Field(() => Int, { description: 'Greater than the reorder point.' }) @Min(1) @Max(MAX_UNITS) parLevel!: number;
}

@InputType({ description: 'A place: a location’s stock room, or one of its rooms.' })
export class SupplyPlaceInput {
  @Field(() => ID) locationId!: string;
  @Field(() => ID, { nullable: true }) roomId?: string | null;
}

@InputType()
export class ConsumeSuppliesInput {
  @Field(() => ID) itemId!: string;
  @Field(() => SupplyPlaceInput) @ValidateNested() place!: SupplyPlaceInput;
  @Field(() => Int, { description: 'Units; taken from the first-expiring lots first.' }) @Min(1) @Max(MAX_UNITS) quantity!: number;
  @Field(() => ID, { nullable: true, description: 'The appointment the supplies were used for.' }) appointmentId?: string | null;
  @Field(() => String, { nullable: true, description: 'Client-chosen key (8–100 chars). Retrying with the same key and input returns the movements first recorded; the same key with other input gets IDEMPOTENCY_KEY_REUSED.' })
  @IsOptional()
  @Length(8, 100)
  idempotencyKey?: string | null;
}

@InputType({ description: 'Between locations (TRANSFER) or, within one location, between its stock room and rooms (ALLOCATE). First-expiring lots move first.' })
export class MoveSuppliesInput {
  @Field(() => ID) itemId!: string;
  @Field(() => SupplyPlaceInput) @ValidateNested() from!: SupplyPlaceInput;
  @Field(() => SupplyPlaceInput) @ValidateNested() to!: SupplyPlaceInput;
  @Field(() => Int) @Min(1) @Max(MAX_UNITS) quantity!: number;
}

@InputType({ description: 'A count of one lot at one place: the difference is recorded as an ADJUST movement.' })
export class CountSuppliesInput {
  @Field(() => ID) itemId!: string;
  @Field(() => SupplyPlaceInput) @ValidateNested() place!: SupplyPlaceInput;
  @Field(() => String, { nullable: true, description: 'Required for lot-tracked items; omit otherwise.' }) @IsOptional() @IsNotBlank() @Length(1, 40) lot?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Expiry of a lot not yet on record (opening stock).' }) expiryDate?: string | null;
  @Field(() => Int, { description: 'Units counted.' }) @Min(0) @Max(MAX_UNITS) counted!: number;
  @Field(() => String) @IsNotBlank() @Length(1, 200) reason!: string;
}

@InputType()
export class DisposeSuppliesInput {
  @Field(() => ID) itemId!: string;
  @Field(() => SupplyPlaceInput) @ValidateNested() place!: SupplyPlaceInput;
  @Field(() => String, { nullable: true, description: 'Required for lot-tracked items.' }) @IsOptional() @IsNotBlank() @Length(1, 40) lot?: string | null;
  @Field(() => Int) @Min(1) @Max(MAX_UNITS) quantity!: number;
  @Field(() => String, { description: 'Expired, damaged…' }) @IsNotBlank() @Length(1, 200) reason!: string;
}

@InputType()
export class PurchaseOrderLineInput {
  @Field(() => ID) itemId!: string;
  @Field(() => Int) @Min(1) @Max(100_000) packs!: number;
  @Field(() => MoneyScalar, { nullable: true, description: 'Price of one pack; the item’s cost when omitted.' }) @IsOptional() @Min(0) unitCost?: number | null;
}

@InputType()
export class CreatePurchaseOrderInput {
  @Field(() => ID) supplierId!: string;
  @Field(() => ID) locationId!: string;
  @Field(() => [PurchaseOrderLineInput]) @ArrayMinSize(1) @ArrayMaxSize(200) @ValidateNested({ each: true }) lines!: PurchaseOrderLineInput[];
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 500) notes?: string | null;
}

@InputType({ description: 'Packs received of one line; lot and expiry are required for lot-tracked items.' })
export class ReceiptLineInput {
  @Field(() => ID) lineId!: string;
  @Field(() => Int) @Min(1) @Max(100_000) packs!: number;
  @Field(() => String, { nullable: true }) @IsOptional() @IsNotBlank() @Length(1, 40) lot?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) expiryDate?: string | null;
}

@InputType()
export class ReceivePurchaseOrderInput {
  @Field(() => ID) purchaseOrderId!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => [ReceiptLineInput]) @ArrayMinSize(1) @ArrayMaxSize(200) @ValidateNested({ each: true }) lines!: ReceiptLineInput[];
}

@InputType()
export class PurchaseOrderTransitionInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) expectedVersion!: number;
}

@ArgsType()
export class SupplyItemsArgs {
  @Field(() => Int, { nullable: true }) first?: number | null;
  @Field(() => String, { nullable: true }) after?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Include deactivated items.' }) includeInactive?: boolean | null;
}

@ArgsType()
export class SupplyMovementsArgs {
  @Field(() => ID) locationId!: string;
  @Field(() => ID, { nullable: true }) itemId?: string | null;
  @Field(() => Int, { nullable: true }) first?: number | null;
  @Field(() => String, { nullable: true }) after?: string | null;
}

@ArgsType()
export class PurchaseOrdersArgs {
  @Field(() => Int, { nullable: true }) first?: number | null;
  @Field(() => String, { nullable: true }) after?: string | null;
}
