ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_sign";--> statement-breakpoint
ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_adjustment_codes";--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_sign" CHECK (coalesce(case "ledger_entries"."kind"
        when 'CHARGE' then "ledger_entries"."amount_cents" > 0
        when 'INSURANCE_PAYMENT' then "ledger_entries"."amount_cents" < 0 and "ledger_entries"."bucket" = 'INSURANCE'
        when 'CONTRACTUAL_ADJUSTMENT' then ("ledger_entries"."amount_cents" < 0 or "ledger_entries"."remittance_id" is not null) and "ledger_entries"."bucket" = 'INSURANCE'
        when 'PATIENT_RESPONSIBILITY' then ("ledger_entries"."amount_cents" > 0 or "ledger_entries"."remittance_id" is not null) and "ledger_entries"."bucket" = 'PATIENT' and "ledger_entries"."counter_bucket" = 'INSURANCE'
        when 'COORDINATION_TRANSFER' then "ledger_entries"."amount_cents" > 0 and "ledger_entries"."bucket" = 'INSURANCE' and "ledger_entries"."counter_bucket" = 'PATIENT' and "ledger_entries"."claim_id" is not null
        when 'PATIENT_PAYMENT' then "ledger_entries"."amount_cents" < 0 and "ledger_entries"."bucket" = 'PATIENT'
        when 'REFUND' then "ledger_entries"."amount_cents" > 0
        when 'WRITE_OFF' then "ledger_entries"."amount_cents" < 0
        else true end, false));--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_adjustment_codes" CHECK (coalesce(case "ledger_entries"."kind"
        when 'CONTRACTUAL_ADJUSTMENT' then "ledger_entries"."group_code" = 'CO' and "ledger_entries"."reason_code" is not null
        when 'PATIENT_RESPONSIBILITY' then "ledger_entries"."group_code" = 'PR' and "ledger_entries"."reason_code" is not null
        when 'OTHER_ADJUSTMENT' then "ledger_entries"."group_code" in ('OA', 'PI', 'CR') and "ledger_entries"."reason_code" is not null
        when 'REVERSAL' then true
        else "ledger_entries"."group_code" is null end
        and ("ledger_entries"."reason_code" is null or "ledger_entries"."reason_code" ~ '^[A-Z0-9]{1,3}$'), false));