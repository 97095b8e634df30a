// Every failure that can reach a person carries one of these stable codes, and every code
// has a plain-language help text here. The code and its help text are part of the contract
// between main, the preload and the renderer, so this file is pure data with no imports.

export const ERROR_HELP = {
  // Requests and plumbing
  'invalid-request': 'Lifeboat received a request it does not understand. Nothing was changed.',
  internal:
    'Something unexpected went wrong inside Lifeboat. Nothing was sent or signed; try again.',
  'not-found': 'That item no longer exists. Start the step again.',
  cancelled: 'The operation was cancelled. Nothing was changed.',
  'forbidden-sender': 'A request came from a page that is not Lifeboat and was refused.',
  'confirmation-required':
    'This step changes something that cannot be undone, so it needs your explicit confirmation.',
  'invalid-input': 'Some of what was entered is not valid. Check the highlighted field.',

  // PC/SC service, readers and card transport
  'no-service':
    'The smart-card service (pcscd) is not running. Start it, e.g. "sudo systemctl start pcscd", or install the pcscd package.',
  'no-reader': 'No card reader is connected. Plug in a USB smart-card reader.',
  'reader-not-found':
    'That card reader is not connected. Plug it in, or choose one of the readers that are.',
  'no-card': 'There is no card in the reader. Insert the card and try again.',
  'card-removed':
    'The card was removed during the operation. Put it back in; Lifeboat continues where it stopped.',
  'card-reset': 'The card was reset by another program or by the reader. Try the step again.',
  'reader-busy':
    'Another program is using the card reader (for example gpg or a browser). Close it and try again.',
  'card-in-use':
    'Lifeboat itself is using this card, in its console or in another lifeboat command. Release the card there, or let the command finish, then try again.',
  'card-timeout': 'The card did not answer in time. Take it out, put it back in and try again.',
  'card-mute':
    'The card does not respond. Check that it is inserted the right way round, then try again.',
  'reader-error': 'The card reader reported an error. Unplug it, plug it back in and try again.',
  'malformed-response':
    'The card sent an answer Lifeboat cannot read. Take the card out, put it back in and try again.',
  'card-not-supported':
    'This is not a card Lifeboat can work with: its applet is not one Lifeboat knows, or runs a version Lifeboat does not support yet.',

  // Keycard protocol
  'not-initialized': 'This card is blank: it has no PIN yet. Set it up first.',
  'already-initialized':
    'This card is already set up. Factory-reset it first if you want to start over.',
  'wrong-pin': 'The PIN is wrong. Check the number of tries left before trying again.',
  'pin-blocked': 'The PIN is blocked after too many wrong attempts. Unblock it with the PUK.',
  'wrong-puk': 'The PUK is wrong. Check the number of tries left before trying again.',
  'puk-blocked':
    'The PUK is blocked. The card can no longer be unlocked; recover the funds from the recovery phrase or Shamir shares, then factory-reset the card.',
  'invalid-pin-format':
    'That PIN does not have the form this card takes (a Keycard PIN is exactly 6 digits).',
  'invalid-puk-format':
    'That PUK does not have the form this card takes (a Keycard PUK is exactly 12 digits).',
  'no-pairing-slots':
    'The card has no free pairing slots. Unpair an old device using a paired session, or factory-reset the card.',
  'wrong-pairing-password':
    'The pairing password is wrong. Try the password that was set when the card was set up.',
  'not-paired': 'Lifeboat is not paired with this card yet. Pair it first.',
  'pairing-invalid':
    'The saved pairing no longer works (the card may have been reset or unpaired). Pair again.',
  'channel-reset':
    'The secure connection to the card was reset. Lifeboat reopens it; if this repeats, re-insert the card.',
  'secure-channel-failed':
    'The card’s encrypted answer could not be verified. Take the card out and put it back in.',
  'answer-lost':
    'The card’s answer was lost on the way, so Lifeboat cannot tell whether it was carried out. Nothing was sent again: check the tries left, then decide whether to try again.',
  'pin-required': 'The card needs the PIN before it can do this.',
  'no-key': 'The card has no wallet key loaded.',
  'conditions-not-satisfied': 'The card refused the command in its current state.',
  'wrong-data': 'The card rejected the data sent to it.',
  'wrong-parameters': 'The card rejected the command parameters.',
  'not-supported': 'This card does not support that command (its applet version may be too old).',
  'card-error': 'The card reported an unexpected error.',
  'signature-invalid':
    'The card returned a signature that does not match its key. Do not use this card for signing.',
  'invalid-path': "That derivation path is not valid (example: m/44'/60'/0'/0/0).",
  'confirmation-mismatch': 'The confirmation text did not match, so nothing was done.',
  'pin-not-blocked': 'The PIN is not blocked, so there is nothing to unblock. Unlock with the PIN.',
  'no-certificate':
    'This card carries no identity certificate, so Lifeboat cannot check that it is genuine.',
  'key-present':
    'This card already holds a wallet key. Loading or generating another one replaces it for good; confirm that you want to replace it.',
  'pairings-unreadable':
    'The saved card pairings cannot be read (the file is damaged or was encrypted with another key). Nothing was changed; move the file away to start over, then pair the card again.',

  // Satochip and Seedkeeper protocol
  'invalid-card-pin': 'This card takes a PIN and a PUK of 4 to 16 characters.',
  'card-memory-full':
    'The card has no room left for this. Remove a secret you no longer need, or use another card.',
  'card-secret-not-found':
    'The backup card holds no such secret. List what the card holds and choose one of those.',
  'secret-export-forbidden':
    'The backup card keeps this secret so that it can never be read out in plain form, so Lifeboat cannot open it. It stays safe on the card.',
  'card-wiped':
    'The card erased itself after too many wrong PUK entries: everything it held is gone and it is blank again. Restore from another backup.',
  'not-a-backup-card':
    'This is a wallet card, not a backup card: it holds a wallet, not copies of recovery phrases or shares. Insert the backup card (a Seedkeeper).',
  'not-a-wallet-card':
    'This is a backup card: it keeps copies of recovery phrases and Shamir shares, not a wallet with accounts. To use what it keeps, rebuild the wallet from it.',

  // Secrets: SLIP-39, BIP-39, derivation, vault
  'invalid-word': 'A word is not in the word list. Check its spelling.',
  'invalid-share-length': 'A Shamir share has 20 or 33 words.',
  'invalid-share-checksum': 'This share does not pass its checksum: a word is probably mistyped.',
  'invalid-share-padding': 'This share is not valid (bad padding). Check each word.',
  'invalid-share': 'This share is not valid.',
  'share-mismatch': 'This share belongs to a different backup than the shares already entered.',
  'duplicate-share': 'This share was already entered.',
  'insufficient-shares': 'More shares are needed to rebuild the secret.',
  'share-not-needed':
    'This share is valid, but its group already has all the shares the backup needs, so it was not added.',
  'too-many-shares':
    'More shares were given than the backup needs. Give exactly the number each group asks for.',
  'invalid-passphrase':
    'A Shamir backup passphrase may use only plain letters, digits, spaces and common punctuation (printable ASCII).',
  'invalid-digest':
    'The shares combine, but the result fails its integrity check: one share is probably from another backup.',
  'invalid-mnemonic-length': 'A recovery phrase has 12, 15, 18, 21 or 24 words.',
  'invalid-mnemonic-checksum':
    'The recovery phrase does not pass its checksum: a word is probably wrong.',
  'mixed-input-kinds':
    'Recovery phrase words and Shamir share words were mixed. Enter one kind only.',
  'unknown-input-kind': 'This is neither a BIP-39 recovery phrase nor a SLIP-39 Shamir share.',
  'wrong-input-kind':
    'This is the other kind of backup: a Shamir share where a recovery phrase was expected, or the reverse. Enter it in the matching step.',
  'invalid-split-parameters': 'Those Shamir backup settings are not valid.',
  'invalid-secret': 'The master secret is not valid (it must be 16 to 32 bytes, an even number).',
  'secret-expired':
    'The rebuilt secret was cleared from memory because it was not used for a while. Enter it again.',
  'secret-not-found': 'That secret is no longer in memory. Enter it again.',

  // Chain
  'network-not-configured': 'No RPC address is set for that network. Add one in Settings.',
  'no-network-chosen':
    'Choose the networks your funds are on under Networks, then try again. Nothing was contacted.',
  'rpc-unreachable':
    'The network’s RPC server cannot be reached. Check the address and your connection.',
  'rpc-error': 'The network’s RPC server returned an error.',
  'rpc-inconsistent':
    'The network’s RPC server gave answers that contradict each other. Use another RPC server.',
  'chain-id-mismatch':
    'The RPC server belongs to a different network than the one chosen. Nothing was sent.',
  'invalid-address': 'That is not a valid address. Check every character.',
  'insufficient-gas': 'There is not enough of the native coin to pay the network fee.',
  'fee-cap-exceeded': 'The network fee is higher than the cap you set. Wait, or raise the cap.',
  'nothing-to-move':
    'There is nothing to move, so nothing was signed or sent. If you expected funds, check which networks are searched and that this is the right wallet and passphrase.',
  'plan-stale': 'Balances changed since this plan was made. Make a new plan.',
  'tx-rejected': 'The network refused the transaction.',
  'signer-mismatch':
    'The card signed with a different account than the one planned. Nothing was sent.',
  'nonce-conflict':
    'Another transaction from this account was confirmed in place of a planned step, so the case stopped. Check the account, then make a new plan.',
  'tx-reverted':
    'A transaction was included but failed, so that step moved nothing. Its network fee was paid. See the case report.',
  'tx-pending':
    'A transaction was sent but is not included yet. Resume the case later: nothing will be signed or sent twice.',
  'duplicate-chain-id':
    'Another network already uses this chain id. Add the RPC address to that network instead of adding the network twice.',
  'destination-refused':
    'Funds cannot go to that address: it is the zero address, a reserved system address, a burn address, or the account they come from. Nothing was signed.',
  'not-a-token':
    'There is no ERC-20 token contract at that address on this network. Check the address and the network.',
  'explorer-not-configured':
    'No block explorer with an https address is set for this network. Set one in Settings to open links there.',
  'endpoint-not-chosen':
    'Lifeboat only checks RPC servers you chose: one of the listed public servers of a known network, or an address saved in Settings.',
  'no-browser': 'This window cannot open your web browser. Copy the link and open it yourself.',

  // Shared wallets (Safe)
  'not-a-safe':
    'There is no Safe at that address on this network. Check the address and that the right network is chosen.',
  'safe-unsupported':
    'This Safe runs a version Lifeboat cannot sign for. Lifeboat signs for Safe versions 1.3.0, 1.4.1 and 1.5.0.',
  'safe-contracts-missing':
    'The Safe contracts (version 1.5.0) are not deployed on this network at their usual addresses, so Lifeboat cannot create a Safe here. Nothing was sent.',
  'safe-exists':
    'A Safe already exists at the address this one would get. Nothing was sent; create it again to get a new address.',
  'not-an-owner':
    'This card or wallet is not an owner of the Safe, so its signature would not count. Nothing was signed; use the card or backup of one of the owners.',
  'signatures-missing':
    'Not enough owners have signed yet. Sign with more of the owners’ cards or backups before sending.',
  'invalid-threshold':
    'The number of signatures needed must be at least 1 and at most the number of owners.',
  'duplicate-owner': 'That address is already an owner, or is named twice. Each owner counts once.',
  'no-such-owner':
    'That address is not one of the Safe’s owners, so it cannot be replaced or removed. Check the Safe’s owners and use one of them.',
  'last-owner':
    'That is the Safe’s only owner. A Safe needs at least one owner, so add the new owner first, then remove this one.',
  'safe-nonce-conflict':
    'Another Safe transaction was carried out in place of this one, so its signatures no longer count and it was stopped. Check the Safe, then start again.',

  // Cases and drills
  'case-not-found': 'That recovery case does not exist.',
  'case-corrupt': 'A recovery case file is damaged and was not used. Nothing on chain was changed.',
  'case-busy': 'This recovery case is being run by another Lifeboat window or process.',
  'case-finished': 'This recovery case is already finished.',

  // Wallets that survive: backup card sets, shares, the test recovery
  'fingerprint-mismatch':
    'The card shows a different wallet than the one just written onto it. Do not use this card: set it aside and use another one.',
  'card-in-set':
    'This card already holds this wallet as a card of its set. Take it out and insert the next card.',
  'not-in-set': 'This card is not one of this wallet’s cards. Insert a card of the set.',
  'reopen-card':
    'The test recovery opens each card afresh, as a recovery would: take the card out, put it back in and unlock it with its PIN.',
  'test-incomplete':
    'The wallet is not ready yet: every card must be opened with its PIN and the shares rebuilt in the test recovery, and every copy must pass.',
  'single-copy':
    'This wallet would exist in one copy only, so losing that copy loses the money. Add a card, shares or a phrase, or type ONE COPY to confirm.',
  'wrong-step': 'That step comes later. Finish the step before it first.',
  'not-remembered':
    'Lifeboat keeps no record of that wallet on this computer. A wallet is recorded when it is made ("lifeboat wallet create", or "Make a wallet that survives"); "lifeboat wallet list" shows those it knows.',
  'wrong-wallet':
    'These shares or this phrase open another wallet than this one. Check that they are this wallet’s backup.',
  'share-card-in-set':
    'This backup card already keeps a share of this wallet. One share per card: take it out and insert another backup card.',
  'share-readback-mismatch':
    'The share read back from the backup card is not the share just written onto it. Do not count on this card for the share: take it out and use another backup card.',
  'share-not-on-card':
    'This backup card keeps no share of this wallet. Insert one of the backup cards the shares were written onto.',
} as const satisfies Record<string, string>;

export type ErrorCode = keyof typeof ERROR_HELP;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_HELP, value);
}
