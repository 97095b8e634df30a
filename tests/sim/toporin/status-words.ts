// The status words the Toporin applets (CardEdge.java, SeedKeeper.java) define, by the
// names the Java source gives them.
export const SW = {
  /** 63C0 + tries left after a wrong PIN or PUK. */
  PIN_FAILED: 0x63c0,
  NO_MEMORY_LEFT: 0x9c01,
  OPERATION_NOT_ALLOWED: 0x9c03,
  SETUP_NOT_DONE: 0x9c04,
  UNSUPPORTED_FEATURE: 0x9c05,
  UNAUTHORIZED: 0x9c06,
  SETUP_ALREADY_DONE: 0x9c07,
  OBJECT_NOT_FOUND: 0x9c08,
  INCORRECT_ALG: 0x9c09,
  SIGNATURE_INVALID: 0x9c0b,
  IDENTITY_BLOCKED: 0x9c0c,
  BIP32_DERIVATION_ERROR: 0x9c0e,
  INVALID_PARAMETER: 0x9c0f,
  INCORRECT_P1: 0x9c10,
  INCORRECT_P2: 0x9c11,
  SEQUENCE_END: 0x9c12,
  INCORRECT_INITIALIZATION: 0x9c13,
  BIP32_UNINITIALIZED_SEED: 0x9c14,
  BIP32_INITIALIZED_SEED: 0x9c17,
  HMAC_UNSUPPORTED_KEYSIZE: 0x9c1e,
  HMAC_UNSUPPORTED_MSGSIZE: 0x9c1f,
  SECURE_CHANNEL_REQUIRED: 0x9c20,
  SECURE_CHANNEL_UNINITIALIZED: 0x9c21,
  SECURE_CHANNEL_WRONG_IV: 0x9c22,
  SECURE_CHANNEL_WRONG_MAC: 0x9c23,
  INS_DEPRECATED: 0x9c26,
  LOCK_ERROR: 0x9c30,
  EXPORT_NOT_ALLOWED: 0x9c31,
  IMPORTED_DATA_TOO_LONG: 0x9c32,
  SECURE_IMPORT_WRONG_MAC: 0x9c33,
  WRONG_SECRET_TYPE: 0x9c38,
  PKI_ALREADY_LOCKED: 0x9c40,
  NFC_BLOCKED: 0x9c49,
  INTERNAL_ERROR: 0x9cff,
  /** FF00 + the Satochip's factory-reset countdown; FF00 alone once a card was reset. */
  RESET_TO_FACTORY: 0xff00,
} as const;

/** The one CLA byte both applets accept. */
export const CLA = 0xb0;

/** P2 of the multi-APDU commands (certificate import/export, secrets, listing). */
export const OP = { INIT: 0x01, PROCESS: 0x02, FINALIZE: 0x03 } as const;
