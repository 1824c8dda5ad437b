/** Shapes stored in jsonb columns. Kept here so repositories and mappers share one definition. */
export interface AddressJson {
  line1: string;
  line2?: string | null;
  city: string;
  state: string;
  postalCode: string;
  country: string;
}

export interface PhoneJson {
  kind: 'MOBILE' | 'HOME' | 'WORK';
  number: string;
  primary: boolean;
}

export interface EmergencyContactJson {
  name: string;
  relationship: string;
  phone: string;
}

export interface ConsentsJson {
  sms: boolean;
  email: boolean;
  voicemail: boolean;
  portal: boolean;
}
