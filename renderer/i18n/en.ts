// The console's English strings: every visible word of renderer/ lives here, keyed, so a
// translation is another file with the same keys. `{name}` marks a value filled in at run
// time; entries with `one`/`other` are chosen by `count`. Error help texts live with the
// error codes in preload/errors.ts.

export interface Plural {
  one: string;
  other: string;
}

export const en = {
  'app.name': 'Lifeboat',
  'app.skip': 'Skip to the content',
  'app.footer':
    'Lifeboat works on this computer only. Nothing leaves it except requests to the networks you set up in Settings.',

  'nav.label': 'Main',
  'nav.home': 'Home',
  'nav.tools': 'Card tools',
  'nav.settings': 'Settings',

  'common.cancel': 'Cancel',
  'common.tryAgain': 'Try again',
  'common.home': 'Back to the start',
  'common.yes': 'Yes',
  'common.no': 'No',

  'home.title': 'Recovery console',
  'home.intro':
    'Recover funds held on a smart card, move them to a new card, or check your backups.',
  'home.jobsTitle': 'What do you want to do?',
  'home.readersTitle': 'Card readers and cards',
  'home.moreTitle': 'More',
  'home.unfinishedTitle': 'A sweep did not finish',
  'home.unfinishedCase':
    'Sweep to {destination}, last changed {date}: {done} of {total} transactions done.',
  'home.resume': 'Resume this sweep',

  'job.restore': 'Restore after a lost phone',
  'job.restoreText': 'Open the wallet with the card alone, see the balances and send.',
  'job.sweep': 'Move funds to a new card',
  'job.sweepText': 'Set up a new card and move every asset to it, down to the last wei.',
  'job.rebuild': 'Rebuild from Shamir shares, a recovery phrase or a backup card',
  'job.rebuildText':
    'Type in your backup or read it from a backup card, then load it onto a new card or move the funds.',
  'job.drill': 'Check a backup',
  'job.drillText': 'Make sure a backup card or share set still opens your wallet. No funds move.',
  'job.survive': 'Make a wallet that survives',
  'job.surviveText':
    'A new wallet on two or three cards, or with shares or a phrase written down, tested before any money goes in.',
  'job.safe': 'Shared wallet (Safe)',
  'job.safeText':
    'Money that several cards hold together: create one, see it, change its owners, or empty it with enough cards.',

  'readers.looking': 'Looking for card readers…',
  'readers.noServiceTitle': 'The smart-card service is not running',
  'readers.noServiceHelp':
    'Lifeboat talks to card readers through the pcscd service. Start it (or install the pcscd package), then this page updates by itself.',
  'readers.startCommand': 'sudo systemctl start pcscd',
  'readers.noReaderTitle': 'No card reader is plugged in',
  'readers.noReaderHelp':
    'Plug in a USB smart-card reader. It appears here as soon as the computer sees it.',

  'reader.empty': 'No card in this reader',
  'reader.cardPresent': 'A card is inserted',
  'reader.connected': 'A card is inserted and in use by Lifeboat',
  'reader.error': 'The reader reports a problem',

  'card.type': 'Card',
  'card.keycard': 'Keycard, version {version}',
  'card.keycardNoVersion': 'Keycard',
  'card.satochip': 'Satochip, version {version}',
  'card.satochipNoVersion': 'Satochip',
  'card.seedkeeper': 'Seedkeeper, version {version}',
  'card.seedkeeperNoVersion': 'Seedkeeper',
  'card.state': 'State',
  'card.blank': 'Blank: not set up yet',
  'card.noKey': 'Set up, but holds no wallet',
  'card.hasKey': 'Set up and holds a wallet',
  'card.backupCard': 'Set up: a backup card for recovery phrases and shares',
  'card.triesAfterOpening': 'Shown once the card is opened',
  'card.genuine': 'Genuine?',
  'card.checking': 'Checking…',
  'card.notChecked': 'Not checked yet',
  'card.pinTries': 'PIN tries left',
  'card.pukTries': 'PUK tries left',
  'card.triesOf': { one: '{count} try', other: '{count} tries' },
  'card.triesAfterPairing': 'Shown once the card is paired',
  'card.fingerprint': 'Wallet fingerprint',
  'card.unlocked': 'Unlocked',

  'attestation.genuine': 'Genuine: the card proved it was made by a trusted issuer.',
  'attestation.unknownIssuer':
    'Unknown issuer: the card has a valid certificate, but from a key you have not marked as trusted.',
  'attestation.noCertificate':
    'Cannot be checked: the card carries no certificate of authenticity.',
  'attestation.invalid':
    'Failed: the card’s proof of authenticity is not valid. Do not keep funds on this card.',
  'attestation.issuerKey': 'Issuer key:',
  'attestation.needsUnlock':
    'Checked once the card is set up and unlocked: it shows its certificate of authenticity only then.',

  'connect.chooseTitle': 'Choose the card',
  'connect.useCard': 'Use this card',
  'connect.useCardIn': 'Use this card in {reader}',
  'connect.excluded': 'Not offered because it holds a card already used in this job: {readers}.',
  'connect.waitingForCard': 'Waiting for a card to be inserted…',
  'connect.opening': 'Reading the card…',
  'connect.attesting': 'Checking that the card is genuine…',
  'connect.pairing': 'Pairing with the card…',
  'connect.unlocking': 'The card is checking…',
  'connect.settingUp': 'Setting up the card…',
  'connect.attestedTitle': 'Is the card genuine?',
  'connect.continue': 'Continue',
  'connect.continueAnyway': 'Continue anyway',
  'connect.setupTitle': 'Set up the card',
  'connect.blankTitle': 'This card is blank',
  'connect.blankHelp':
    'This card has never been set up, so it holds no wallet. Insert the card that holds the funds.',
  'connect.blankBackupHelp':
    'This backup card has never been set up, so it keeps nothing yet. Insert the backup card that holds your copy.',
  'connect.backupCardTitle': 'This is a backup card',
  'connect.backupCardHelp':
    'The {card} keeps copies of recovery phrases and Shamir shares, not a wallet with accounts. Insert the wallet card, or rebuild the wallet from what this backup card keeps.',
  'connect.blankBackupCardHelp':
    'The {card} is a backup card that has never been set up: it keeps no copy of a wallet and cannot hold funds. Insert the wallet card, or the backup card that holds your copy.',
  'connect.backupCardNewHelp':
    'The {card} is a backup card: it keeps copies of recovery phrases and shares, and cannot hold the funds. Insert a wallet card (a Keycard or a Satochip) as the new card.',
  'connect.toRebuildFromCard': 'Rebuild from a backup card',
  'connect.walletCardTitle': 'This is a wallet card, not a backup card',
  'connect.walletCardHelp':
    'The {card} holds a wallet, not copies of recovery phrases or shares. Insert the backup card (a Seedkeeper).',
  'connect.noKeyTitle': 'This card holds no wallet',
  'connect.noKeyHelp':
    'The card is set up but has no wallet key. Insert the card that holds the funds, or rebuild from your backup.',
  'connect.passwordTitle': 'Pairing password',
  'connect.pinTitle': 'Unlock the card with its PIN',
  'connect.blockedTitle': 'The PIN is blocked',
  'connect.pukBlockedTitle': 'The card is locked for good',
  'connect.toRebuild': 'Rebuild from the recovery phrase or shares',
  'connect.skipPin': 'Continue without the PIN (factory reset only)',
  'connect.otherCard': 'Use another card',

  'pairing.ask':
    'The card did not accept the default pairing password. Type the pairing password that was chosen when the card was set up.',
  'pairing.password': 'Pairing password',
  'pairing.submit': 'Pair',

  'pin.label': 'PIN ({rule})',
  'pin.keypad': 'PIN keypad',
  'pin.erase': 'Erase the last digit',
  'pin.unlock': 'Unlock',
  'pin.checking': 'Checking…',
  'pin.wrong': 'Wrong PIN.',
  'pin.triesLeft': { one: '{count} try left.', other: '{count} tries left.' },
  'pin.atZero':
    'When no tries are left the PIN is blocked, and only the PUK ({rule}) can unblock it.',
  'pin.lastTry':
    'This is the last try: a wrong PIN now blocks the card, and only the PUK ({rule}) can unblock it.',
  'pin.atZeroNoPuk':
    'When no tries are left the card is locked for good, and only the recovery phrase or Shamir shares can recover the funds.',
  'pin.lastTryNoPuk':
    'This is the last try: a wrong PIN now locks the card for good, and only the recovery phrase or Shamir shares can recover the funds.',
  'pin.blocked': 'The PIN is blocked. Unblock it with the PUK.',

  'puk.wrong': 'Wrong PUK.',
  'puk.triesLeft': { one: '{count} PUK try left.', other: '{count} PUK tries left.' },
  'puk.atZero':
    'If the PUK tries run out, the card can never be unlocked again and only the recovery phrase or Shamir shares can recover the funds.',
  'puk.lastTry':
    'This is the last PUK try: if it is wrong, the card can never be unlocked again and only the recovery phrase or Shamir shares can recover the funds.',
  'puk.atZeroWipes':
    'If the PUK tries run out, the card erases everything it keeps, and only another backup can recover the wallet.',
  'puk.lastTryWipes':
    'This is the last PUK try: if it is wrong, the card erases everything it keeps, and only another backup can recover the wallet.',
  'puk.blocked':
    'The PUK is blocked. Only the recovery phrase or Shamir shares can recover the funds.',

  'unblock.intro': 'Type the PUK that came with the card and choose a new PIN.',
  'unblock.puk': 'PUK ({rule})',
  'unblock.newPin': 'New PIN ({rule})',
  'unblock.repeatPin': 'New PIN again',
  'unblock.submit': 'Unblock and set the new PIN',
  'unblock.introKeepsPin':
    'Type the PUK chosen when the card was set up. The PIN keeps its value and gets its tries back: unblocking helps only if you remember the PIN.',
  'unblock.submitKeepsPin': 'Unblock the PIN',

  'setup.intro':
    'Choose the secrets that will protect the new card. Lifeboat never stores them; write them down and keep them apart from the card.',
  'setup.pinLegend': 'PIN: unlocks the card for everyday use',
  'setup.pin': 'PIN ({rule})',
  'setup.pinRepeat': 'PIN again',
  'setup.pukLegend': 'PUK: unblocks the PIN after too many wrong tries',
  'setup.pukHint': 'Keep it somewhere safe, away from the card.',
  'setup.puk': 'PUK ({rule})',
  'setup.pukRepeat': 'PUK again',
  'setup.pairingLegend': 'Pairing password: lets a computer or phone pair with the card',
  'setup.pairingHint': 'Any words you will remember; you need it to pair a new phone later.',
  'setup.pairing': 'Pairing password',
  'setup.pairingRepeat': 'Pairing password again',
  'setup.submit': 'Set up the card',

  'rules.pinFormat': 'The PIN must be {rule}.',
  'rules.pinRepeat': 'The two PINs are different. Type the same PIN twice.',
  'rules.pukFormat': 'The PUK must be {rule}.',
  'rules.pukRepeat': 'The two PUKs are different. Type the same PUK twice.',
  'rules.pairingEmpty': 'Choose a pairing password.',
  'rules.pairingRepeat': 'The two pairing passwords are different.',
  'rules.digits': { one: '{count} digit', other: '{count} digits' },
  'rules.digitsBetween': '{min} to {max} digits',
  'rules.characters': { one: '{count} character', other: '{count} characters' },
  'rules.charactersBetween': '{min} to {max} characters',

  'newCard.insert': 'Insert the new card.',
  'newCard.insertSecond': 'Insert the new card into the other reader.',
  'newCard.working': 'The card is working…',
  'newCard.generateTitle': 'Create the new wallet on the card',
  'newCard.generateIntro':
    'The card creates a new wallet key inside itself; the key never leaves the card.',
  'newCard.generate': 'Create the key on the card, without a backup',
  'newCard.walletTitle': 'Give the new card its wallet',
  'newCard.noGenerate':
    'A {card} does not make a key itself: it is given the wallet of a recovery phrase, which is also the wallet’s backup.',
  'newCard.loadTitle': 'Load the rebuilt wallet onto the card',
  'newCard.loadIntro':
    'The rebuilt wallet is written into the card. Afterwards the card signs for it without your backup.',
  'newCard.load': 'Load the wallet onto the card',
  'newCard.loadSet': 'Put it on a set of cards (2 or 3), each tested',
  'newCard.loadSetText':
    'The same wallet on this card and one or two more, kept in different places, each opened again with its PIN before it counts. Then one card of the set goes on here.',
  'loadSet.title': 'A set of cards for the rebuilt wallet',
  'loadSet.nameHint':
    'The name it is listed under in your backups. A wallet remembered already keeps its name.',
  'loadSet.go': 'Go on to the first card',
  'loadSet.stop': 'Stop making the set: the cards written so far are not listed',
  'newCard.noBackupTitle': 'A key created on the card has no backup',
  'newCard.noBackupText':
    'If the card is lost, broken or reset, a key made inside it is gone, and the funds with it. Give the new wallet a backup before any money depends on it.',
  'newCard.backupTitle': 'How do you want the new wallet to be backed up?',
  'newCard.withSet': 'Make a wallet that survives: the same new wallet on this card and more',
  'newCard.withSetText':
    'Two or three cards, or shares or a phrase written down, each tested before it is used. Then one card of the set goes on here.',
  'newCard.insertFromSet': 'The wallet is ready. Insert one card of its set to go on with.',
  'newCard.backupSet':
    'Its copies are the other cards of its set and what you wrote down; each passed its test recovery.',
  'newCard.withPhrase': 'Write down a new recovery phrase, then put it on the card',
  'newCard.withPhraseText':
    'Lifeboat makes a 12-word recovery phrase and shows it once. You write it on paper, type some of its words back, and the card gets the wallet of that phrase.',
  'newCard.noBackupUnderstood':
    'I understand that a key created on the card has no backup, and that losing the card loses the funds.',
  'newCard.phraseToCard': 'Putting the new wallet on the card',
  'newCard.backupRebuilt': 'Its backup is the shares or phrase it was rebuilt from.',
  'newCard.backupPhrase':
    'Its backup is the recovery phrase you wrote down. Keep the paper safe and away from the card.',
  'newCard.backupNone':
    'This wallet has no backup: if the card is lost or broken, the funds on it are lost.',

  'backup.making': 'Making a new recovery phrase…',
  'backup.writeTitle': 'Write down these {count} words',
  'backup.once':
    'Lifeboat shows this recovery phrase only this once. Write the words on paper, in order, and check every one.',
  'backup.private':
    'Anyone who sees these words can take the funds. Do not photograph them, type them into another program or store them online.',
  'backup.written': 'I have written down all {count} words',
  'backup.checkTitle': 'Check what you wrote down',
  'backup.checkIntro': 'Type these words from your paper, not from memory.',
  'backup.word': 'Word {number}',
  'backup.wrongWord': 'This is not the word at this place of the phrase. Check your paper.',
  'backup.check': 'Check the words',
  'backup.startAgain': 'I did not write it down: make a new phrase instead',
  'newCard.loadInstead': 'Load the rebuilt wallet {address} instead',
  'newCard.addressTitle': 'The new card’s address',
  'newCard.sweepIntro': 'Funds will be sent to this address, the first account of the new card:',
  'newCard.sweepHint':
    'Keep the picture and the groups in mind: the review before sending shows them again for comparison.',
  'newCard.loadedIntro': 'The first account of the card is now:',
  'newCard.loadedHint':
    'Compare it with the first address of the rebuilt wallet, and with the address your other wallets show for this backup.',
  'newCard.hadKey': 'This card already held a wallet; its first account is shown.',
  'newCard.matchesSecret': 'The card now holds the rebuilt wallet: its first address matches.',
  'newCard.sameAsSource':
    'This card holds the same wallet as the source. Insert a different new card.',
  'newCard.occupiedTitle': 'This card holds another wallet',
  'newCard.occupiedHelp':
    'Use a blank card, or factory-reset this one in Card tools if you are sure it holds nothing you need.',

  'restore.title': 'Restore after a lost phone',
  'restore.intro':
    'Your card still holds the wallet. Unlock it here to see your accounts and move funds without the phone.',
  'restore.insert': 'Insert the card that was paired with the lost phone.',
  'restore.send': 'Send an amount',
  'restore.toSweep': 'Move everything to a new card',
  'restore.refresh': 'Refresh the balances',
  'restore.safesLooking': 'Looking for shared wallets this card is an owner of…',
  'restore.safesHeading': 'Shared wallets this card is an owner of',
  'restore.safeTitle': 'Shared wallet {address} on {network}',
  'restore.safeOpen': 'Open the shared wallet {address}',
  'restore.safeUnread':
    'Could not check whether this card owns the shared wallet {address} on {network}.',

  'discovery.title': 'Finding your accounts',
  'discovery.summary':
    'Addresses checked so far: {scanned}. Accounts in use: {found}. Networks searched: {networks}.',
  'discovery.progressLabel': 'Searching for accounts',
  'discovery.tableCaption': 'Search progress by derivation scheme and network',
  'discovery.scheme': 'Scheme',
  'discovery.network': 'Network',
  'discovery.scanned': 'Addresses checked',
  'discovery.found': 'In use',

  'scheme.bip44': 'Standard (BIP-44)',
  'scheme.ledgerLive': 'Ledger Live',
  'scheme.legacy': 'Ledger legacy (MEW)',

  'accounts.heading': 'Your accounts',
  'accounts.scanned':
    'Addresses checked: {addresses}. Networks searched: {networks}. Tokens looked for: {tokens}.',
  'accounts.none': 'No accounts with funds or history were found.',
  'accounts.noneHelp':
    'Check in Settings that the right networks are switched on and have an RPC address, and that the right derivation schemes are searched.',
  'accounts.title': '{scheme} account {number}',
  'accounts.path': 'Derivation path {path}',
  'accounts.balancesOf': 'Balances of {address}',
  'accounts.network': 'Network',
  'accounts.asset': 'Asset',
  'accounts.balance': 'Balance',

  'holdings.item': {
    one: '{amount} {symbol} on {network}',
    other: '{amount} {symbol} on {network}, over {count} accounts',
  },
  'holdings.nothingLeft': 'Nothing is left on it now, but it made transactions before.',

  'send.title': 'Send an amount',
  'send.fromAsset': 'What to send',
  'send.holding': '{symbol}: {balance} on {account} ({network})',
  'send.toLabel': 'Recipient address',
  'send.amountLabel': 'Amount ({symbol})',
  'send.review': 'Review',
  'send.badAddress': 'That is not a valid address. Check every character.',
  'send.badAmount': 'Type an amount greater than zero, using a dot for decimals.',
  'send.tooMuch': 'That is more than the balance.',
  'send.nothing': 'There is nothing to send from these accounts.',
  'send.reviewTitle': 'Check before sending',
  'send.network': 'Network',
  'send.from': 'From',
  'send.to': 'To',
  'send.amount': 'Amount',
  'send.maxFee': 'Network fee, at most',
  'send.change': 'Change',
  'send.signWithCard': 'Sign with the card and send',
  'send.signing': 'The card is signing and the network is confirming…',
  'send.sentTitle': 'Sent',
  'send.sent': 'Sent {amount} {symbol}. Included in block {block}.',
  'send.txHash': 'Transaction',
  'send.backToAccounts': 'Back to the accounts',

  'sweep.title': 'Move funds to a new card',
  'sweep.intro':
    'Every asset moves from the old accounts to a new card: tokens first, the native coin last, to the exact wei.',
  'sweep.sourceTitle': 'Where do the funds come from?',
  'sweep.sourceIntro': 'Choose the wallet to empty.',
  'sweep.useCard': 'The unlocked card in {reader}',
  'sweep.useSecret': 'The rebuilt wallet {address}',
  'sweep.connectOld': 'Connect the old card',
  'sweep.rebuildFirst': 'Rebuild it from shares or a phrase first',
  'sweep.insertOld': 'Insert the card that holds the funds.',
  'sweep.newCardTitle': 'The new card',
  'sweep.swapHelp':
    'There is only one reader: take the old card out, insert the new card, and put the old card back when asked.',
  'sweep.toPlan': 'Continue to the plan',
  'sweep.reinsertTitle': 'Put the old card back',
  'sweep.reinsert': 'Take the new card out and insert the old card again.',
  'sweep.planTitle': 'Planning the sweep',
  'sweep.planning': 'Reading balances and fees…',
  'sweep.reviewTitle': 'Review the plan',
  'sweep.toConfirm': 'Continue to the confirmation',
  'sweep.confirmTitle': 'Confirm the sweep',
  'sweep.nothingFoundTitle': 'No funds found',
  'sweep.nothingFound':
    'No funds were found on {networks}. Lifeboat looked at {count} addresses ({schemes}) and the tokens it knows.',
  'sweep.usedButEmpty': {
    one: 'One account of this wallet was used before, but it holds nothing now.',
    other: '{count} accounts of this wallet were used before, but they hold nothing now.',
  },
  'sweep.nothingFoundHelp':
    'There is nothing to move, so no new card is needed. If you expected funds, check that the right networks are searched in Settings, or that this is the right wallet.',
  'sweep.checkNetworks': 'Check the networks in Settings',

  'review.destination': 'Destination',
  'review.assets': 'What moves',
  'review.assetsCaption': 'Every asset, what moves and what is expected to stay',
  'review.network': 'Network',
  'review.account': 'From account',
  'review.asset': 'Asset',
  'review.moves': 'Moves',
  'review.stays': 'Expected to stay',
  'review.transactions': {
    one: 'The transaction, in order',
    other: 'The {count} transactions, in order',
  },
  'review.fromTo': 'from {from} to {to} on {network}',
  'review.stepFee': '(fee at most {fee} {symbol} at today’s fee)',
  'review.fees': 'Network fees',
  'review.totalFee':
    '{network}: at most {fee} {symbol} in total at today’s fee of {gwei} gwei per gas.',
  'review.capFee':
    'Nothing is ever signed above the fee cap of {cap} gwei per gas, so even if the fee rises the fees stay under {fee} {symbol}.',
  'review.cap': 'Fee cap (gwei per gas)',
  'review.replan': 'Plan again with this cap',
  'review.badCap': 'Type the fee cap in gwei as a number greater than zero.',
  'review.nativeRecomputed':
    'The native coin moves last. Its amount is worked out again when the card signs it, from the balance and fee at that moment, so that nothing is left; the report shows the amount that moved.',
  'review.warnings': 'Please note',

  'warning.destinationContract':
    'The destination is a contract on {network}: it runs code when it receives coins, so some {symbol} will stay behind.',
  'warning.destinationDelegated':
    'The destination delegates to code at {delegate} (EIP-7702): it runs code when it receives coins, so some {symbol} will stay behind.',
  'warning.tokenRefused':
    'The {symbol} contract refuses to transfer from {account} (checked by simulating the transfer); it stays there.',
  'warning.topUpNeeded':
    '{account} holds tokens but not enough {symbol} to pay their network fees ({fees} {symbol}). Send it {topUp} {symbol}, or move the funds to a card or rebuilt wallet you hold so Lifeboat can top it up from there.',
  'warning.topUpNotAllowed':
    '{account} holds tokens but not enough {symbol} to pay their network fees. Allow a top-up of {topUp} {symbol} from the destination to move them.',
  'warning.topUpShort':
    '{account} needs a top-up of {topUp} {symbol}, but the destination holds only {available} {symbol}.',
  'warning.nativeRefused':
    'The destination’s code refuses {symbol} (checked by simulating the transfer); it stays in {account}.',
  'warning.nativeBelowFee':
    '{account} holds less {symbol} than the fee to move it; it stays behind.',
  'warning.remainderContract':
    'The destination runs code, so unused gas stays behind: about {amount} {symbol} from {account}.',
  'warning.remainderL1Fee':
    '{network} also charges an L1 data fee that moves with L1 prices; the margin kept for it stays behind: about {amount} {symbol} from {account}.',
  'warning.remainderMeasured':
    '{network} charges by measured gas, which cannot be known exactly in advance: about {amount} {symbol} stays behind in {account}.',

  'step.token': 'Move {amount} {symbol}',
  'step.native': 'Move {amount} {symbol} (all that is left after fees)',
  'step.topUp': 'Add {amount} {symbol} for fees',

  'confirm.summary': {
    one: 'The card will sign {count} transaction and send it to the network.',
    other: 'The card will sign {count} transactions and send them to the network.',
  },
  'confirm.irreversible':
    'Transactions on a blockchain cannot be undone. Make sure the destination is your new card.',
  'confirm.compared':
    'I compared this address with the new card’s address, group by group, and they are the same.',
  'confirm.back': 'Back to the plan',
  'confirm.safeSummary': {
    one: 'The Safe’s owners sign {count} transaction next, one card after another; nothing is sent before enough of them have signed.',
    other:
      'The Safe’s owners sign {count} transactions next, one card after another; nothing is sent before enough of them have signed.',
  },
  'confirm.safeCompared':
    'I compared this address, group by group, with the one the funds must go to, and they are the same.',
  'confirm.safeGo': 'Continue to the owners’ signatures',
  'confirm.go': {
    one: 'Sign and send {count} transaction',
    other: 'Sign and send {count} transactions',
  },

  'run.title': 'Moving the funds',
  'run.progress': '{done} of {total} transactions done.',
  'run.lastStep': 'Transaction {number}: {state}',
  'run.paused': 'Paused after {done} of {total} transactions.',
  'run.failed': 'The sweep stopped.',
  'run.finished': 'The sweep is finished.',
  'run.progressLabel': 'Transactions done',
  'run.feeRose':
    'The network fee is now {needed} gwei per gas, above your fee cap of {cap} gwei per gas, so nothing more was signed.',
  'run.newCap': 'Fee cap to continue with (gwei per gas)',
  'run.newCapHint':
    'Continuing accepts this cap for the rest of the sweep. Or wait: once the fee falls back under the old cap, continue without changing it.',
  'run.continueTitle': 'Continue the sweep',
  'run.continueHelp':
    'Nothing is lost: finished transactions stay done. Bring the source back and the sweep continues where it stopped.',

  'stepState.planned': 'Waiting',
  'stepState.signed': 'Signed by the card',
  'stepState.broadcast': 'Sent to the network',
  'stepState.included': 'Included in block {block}',
  'stepState.confirmed': 'Confirmed',
  'stepState.replaced': 'Sent again with a higher fee',
  'stepState.failed': 'Failed',

  'reconnect.insert': 'Insert the old card again.',
  'reconnect.useSecret': 'Continue with the rebuilt wallet {address}',
  'reconnect.wrongCard':
    'This card holds a different wallet. Insert the card the sweep started with.',
  'reconnect.rebuild': 'Rebuild the wallet from shares or a phrase',

  'report.title': 'Report',
  'report.allMoved': 'Everything was moved: 0 is left on the old accounts.',
  'report.allMovedSafe': 'Everything was moved: 0 is left in the Safe.',
  'report.someLeft': 'Some amounts stayed on the old accounts; see the table.',
  'report.finishedAt': 'Finished {date}.',
  'report.destination': 'Sent to',
  'report.assetsCaption': 'What moved and what is left, read from the chain after the sweep',
  'report.moved': 'Moved',
  'report.left': 'Left behind',
  'report.transactions': 'Transactions',
  'report.planned': 'Planned',
  'report.nativeRecomputed':
    'The native coin’s amount was worked out again when it was signed, from the balance and fee at that moment, so it differs from the plan.',
  'report.txAccount': 'From {account} on {network}',
  'report.txToken': 'Transaction {number}: {symbol}',
  'report.txNative': 'Transaction {number}: the remaining {symbol}',
  'report.txTopUp': 'Transaction {number}: {symbol} for fees',
  'report.saveText': 'Save the report as text',
  'report.saveJson': 'Save the report as JSON',
  'report.nextTitle': 'What to do now',
  'report.nextLeft':
    'Some amounts stayed on the old accounts (see the table). Make a new sweep later to move them, or leave them if they are too small to pay a fee.',
  'report.nextCheck':
    'Open the new card in the wallet you use every day and check that the funds are there.',
  'report.nextBackup':
    'Make sure the new card’s wallet has a backup you have written down, and check it with “Check a backup”.',
  'report.nextOld':
    'Keep the old card or backup until you have checked the new card. After that it no longer protects any funds; you may factory-reset the card in Card tools.',
  'report.nextSave': 'Save this report: it lists every transaction.',
  'report.nextCheckSafe':
    'Check with the wallet that receives them that the funds arrived at the destination.',
  'report.nextSafeStays':
    'The Safe stays on the network with the same owners, empty: anything sent to it later needs enough of those cards again.',
  'report.toDrills': 'Check a backup',

  'resume.title': 'Resume a sweep',
  'resume.intro': 'This sweep stopped before it finished. Bring its source back to let it finish.',
  'resume.loading': 'Reading the case…',
  'resume.updated': 'Last changed {date}.',

  'rebuild.title': 'Rebuild from Shamir shares, a recovery phrase or a backup card',
  'rebuild.intro':
    'Type in your backup, or read it from a backup card. It stays in this computer’s memory only, and is cleared when you are done.',
  'rebuild.doneTitle': 'The wallet is rebuilt',
  'rebuild.load': 'Load it onto a new card',
  'rebuild.sweep': 'Move its funds to a new card',
  'rebuild.forget': 'Clear it from memory now',
  'rebuild.keepOnCard': 'Keep a copy on a backup card',
  'rebuild.keepOnCardTitle': 'Keep a copy on a backup card',
  'rebuild.rememberTitle': 'Remember this wallet for backup checks',

  'history.title': 'Has this wallet been used?',
  'history.searching':
    'Looking for this wallet’s funds and transactions on the networks in Settings…',
  'history.used':
    'This wallet has been used: it has funds or transactions on the networks searched.',
  'history.unused':
    'This wallet has never been used. A wrong passphrase opens a different, empty wallet.',
  'history.unusedHelp':
    'Searched: {networks}; {addresses} addresses; schemes {schemes}. No balance and no transaction was found. If you expected funds, try another passphrase.',
  'history.remembered': 'This is “{label}”, a wallet you remembered.',
  'history.neverDrilled':
    'Its backups were never checked: check them in “Check a backup” from the start screen.',
  'history.tryPassphrase': 'Try another passphrase',
  'history.otherPassphrase': 'Open with another passphrase',
  'history.keepsShares':
    'Your shares stay entered. Type only the passphrase; leave it empty for none.',
  'history.keepsPhrase':
    'Your recovery phrase stays entered. Type only the passphrase; leave it empty for none.',
  'history.open': 'Open with this passphrase',
  'history.opening': 'Opening the wallet',

  'recovery.chooseTitle': 'What kind of backup do you have?',
  'recovery.shares': 'Shamir shares (SLIP-39)',
  'recovery.sharesText': 'Several shares of 20 or 33 words, some of which rebuild the wallet.',
  'recovery.phrase': 'A recovery phrase (BIP-39)',
  'recovery.phraseText': 'One phrase of 12 to 24 words.',
  'recovery.card': 'A backup card (Seedkeeper)',
  'recovery.cardText':
    'A card that keeps your recovery phrase, or one of your shares. Lifeboat reads it into its memory, never onto the screen.',
  'recovery.cardTitle': 'Read the backup card',
  'recovery.sharesTitle': 'Enter the shares',
  'recovery.phraseTitle': 'Enter the recovery phrase',
  'recovery.otherKind': 'Use another kind of backup',

  'backupCard.insert': 'Insert the backup card.',
  'backupCard.insertNext':
    'Take the backup card out and insert the next one that holds a share of this backup.',
  'backupCard.reading': 'Reading the backup card…',
  'backupCard.keepsTitle': 'What the backup card keeps',
  'backupCard.empty': 'This backup card keeps nothing yet.',
  'backupCard.kindPhrase': 'a recovery phrase',
  'backupCard.kindSeed': 'a bare wallet seed',
  'backupCard.kindShare': 'a Shamir share',
  'backupCard.kindOther': 'another kind of secret',
  'backupCard.fingerprint': 'Fingerprint',
  'backupCard.sealed':
    'The card keeps this so that it can never be read out, so Lifeboat cannot open it here.',
  'backupCard.notOpened': 'Lifeboat does not open this kind of secret in the console.',
  'backupCard.open': 'Open “{label}”',
  'backupCard.addShare': 'Add the share “{label}”',
  'backupCard.nextCard': 'Read the next backup card',
  'backupCard.chooseShare':
    'Keep one share per backup card, so that no single card opens the wallet. Choose the share for the card you insert next.',
  'backupCard.shareName': 'share {member} of group {group}',
  'backupCard.keepShare': 'Keep {share} on a backup card',
  'backupCard.keepShareAgain': 'Keep {share} on another backup card too',
  'backupCard.insertForShare': 'Insert the backup card that will keep {share}.',
  'backupCard.insertForPhrase': 'Insert the backup card that will keep the recovery phrase.',
  'backupCard.storeShareTitle': 'Keep {share} on this card',
  'backupCard.storePhraseTitle': 'Keep the recovery phrase on this card',
  'backupCard.withPassphrase':
    'The phrase is kept together with the passphrase it was opened with, so the card opens this very wallet.',
  'backupCard.label': 'Name on the card',
  'backupCard.phraseLabel': 'Wallet {wallet}',
  'backupCard.shareLabel': 'Wallet {wallet}, share {member} of group {group}',
  'backupCard.plainExport': 'Let the card give it back in plain form later',
  'backupCard.plainExportHelp':
    'Then Lifeboat can rebuild the wallet from this card, and so can anyone who has the card and its PIN. Without it, nobody can read it out of the card, Lifeboat included: it can only be moved, encrypted, to another backup card.',
  'backupCard.store': 'Keep it on the card',
  'backupCard.stored':
    'Kept on the backup card in {reader} as “{label}” (fingerprint {fingerprint}).',
  'backupCard.storedPlain': 'It can be read back with the card and its PIN.',
  'backupCard.storedSealed': 'It can never be read out of the card in plain form.',
  'backupCard.anotherShare': 'Keep another share on another backup card',
  'backupCard.anotherCard': 'Keep a copy on another backup card too',

  'words.hint': 'Type the words separated by spaces. Suggestions appear as you type.',
  'words.count': { one: '{count} word', other: '{count} words' },
  'words.notInList': 'Word {number} is not in the word list.',
  'words.suggestionsFor': 'Suggestions for word {number}',
  'words.checkWord': 'Check word {number} first.',

  'shares.noneYet': 'No shares yet. The first share tells how many are needed.',
  'shares.groupsNeeded': {
    one: '{complete} of {needed} groups complete (the backup has {count} group).',
    other: '{complete} of {needed} groups complete (the backup has {count} groups).',
  },
  'shares.groupComplete': 'Group {group}: {entered} of {needed} shares, complete.',
  'shares.groupPartial': 'Group {group}: {entered} of {needed} shares.',
  'shares.label': 'Share {number}',
  'shares.add': 'Check and add this share',
  'shares.clear': 'Clear',
  'shares.accepted': 'Share accepted: group {group}, share {member}.',
  'shares.acceptedItem': 'Share {number}: group {group}, share {member}.',
  'shares.remove': 'Remove share {number}',
  'shares.removed': 'Share {number} was removed.',
  'shares.complete': 'Enough shares: the wallet can be rebuilt.',
  'shares.combine': 'Rebuild the wallet',
  'shares.stretching': 'Rebuilding the wallet',

  'phrase.label': 'Recovery phrase',
  'phrase.valid': 'The phrase is complete and its checksum is correct.',
  'phrase.open': 'Open the wallet',
  'phrase.opening': 'Opening the wallet…',

  'passphrase.label': 'Passphrase (optional)',
  'passphrase.hint':
    'Leave it empty if the backup has no passphrase. A different passphrase opens a different wallet, so compare the fingerprint and address below.',

  'secret.fromShares': 'Rebuilt from Shamir shares.',
  'secret.fromPhrase': 'Opened from a recovery phrase.',
  'secret.fingerprint': 'Fingerprint',
  'secret.firstAddress': 'First address',
  'secret.nextAddresses': 'Next addresses',
  'secret.compareHint':
    'If these are not the addresses you expect, check the passphrase and the shares or phrase.',

  'load.title': 'Load onto a new card',
  'load.intro': 'Set up a blank card and load the rebuilt wallet onto it.',
  'load.secretGone': 'The rebuilt wallet is no longer in memory.',
  'load.rebuildAgain': 'Rebuild it again',
  'load.finish': 'Done',
  'load.doneTitle': 'The new card holds the wallet',
  'load.done': 'The card in {reader} now holds the rebuilt wallet.',
  'load.toDrill': 'Check a backup against this card',

  'drills.title': 'Check a backup',
  'drills.intro':
    'A backup is only as good as its last check. Compare a backup card, shares or a phrase with the wallet. No funds move.',
  'drills.walletsTitle': 'Remembered wallets',
  'drills.loading': 'Reading the remembered wallets…',
  'drills.none': 'No wallet is remembered yet.',
  'drills.firstAddress': 'First address',
  'drills.never':
    'Not checked yet. Check each of its backups now with “Check a backup”, so you know they open this wallet.',
  'drills.lastPassed': 'Last check passed on {date}.',
  'drills.lastFailed': 'Last check FAILED on {date}.',
  'drills.check': 'Check a backup',
  'drills.checkNamed': 'Check a backup of {label}',
  'drills.forget': 'Forget',
  'drills.forgetNamed': 'Forget {label}',
  'drills.forgetTitle': 'Forget {label}?',
  'drills.forgetHelp':
    'Lifeboat forgets the wallet’s fingerprint and its check history. The wallet and its funds are not touched.',
  'drills.forgetConfirm': 'Forget this wallet',
  'drills.rememberTitle': 'Remember a wallet',
  'drills.rememberIntro':
    'Lifeboat keeps only the wallet’s fingerprint and first address, never a key. Unlock its card or rebuild it first.',
  'drills.backToList': 'Back to the wallets',

  // Make a wallet that survives
  'survive.title': 'Make a wallet that survives',
  'survive.intro':
    'A wallet with one copy is lost with that copy. Put the same new wallet on several cards, write it down as shares or a phrase, and test every copy before any money goes in.',
  'survive.planName': 'Name of the wallet',
  'survive.planNameMissing': 'Give the wallet a name, so you can tell it apart later.',
  'survive.planCards': 'Cards that hold the wallet',
  'survive.planCardCount': { one: '1 card', other: '{count} cards' },
  'survive.planCardsHint':
    'Each card gets the same wallet. Keep them in different places. A card can be opened only with its PIN.',
  'survive.planWritten': 'Also write the wallet down',
  'survive.written.none': 'No, the cards are enough',
  'survive.written.phrase': 'As a recovery phrase (BIP-39)',
  'survive.written.shares': 'As Shamir shares (SLIP-39): some of them together rebuild it',
  'survive.planWords': 'Words in the phrase',
  'survive.planShareCount': 'How many shares to make',
  'survive.planShareThreshold': 'How many of them rebuild the wallet',
  'survive.planSharesWrong':
    'The shares that rebuild the wallet are at least 1 and at most as many as are made (up to 16).',
  'survive.planNothing': 'Choose at least one card, or write the wallet down.',
  'survive.singleTitle': 'This wallet would have one copy only',
  'survive.singleText':
    'If that copy is lost, broken or forgotten, the money in the wallet is lost.',
  'survive.singleType': 'To make it anyway, type {words}',
  'survive.planSingleMissing': 'Add a copy, or type the words asked for to make a single copy.',
  'survive.planGo': 'Make the wallet',
  'survive.cardTitle': 'Card {number} of {total}',
  'survive.cardInsert': 'Insert card {number} of the set. It must not hold a wallet yet.',
  'survive.cardIntro':
    'The card in {reader} is ready. Name it and say where it will be kept, so you can find it in a drill.',
  'survive.cardLabel': 'Name of this card',
  'survive.cardDefaultLabel': 'Card {number}',
  'survive.cardLoad': 'Put the wallet on this card',
  'survive.cardHasWalletTitle': 'This card already holds a wallet',
  'survive.cardHasWallet':
    'A card of the set must be empty, so that no wallet is written over. Use another card. To reuse this one, empty it in Card tools, but only if its wallet holds no money or has another copy.',
  'survive.placeLabel': 'Where it will be kept (optional)',
  'survive.placeHint':
    'In your own words, e.g. "bank safe". Kept only on this computer, never in a calendar reminder.',
  'survive.shareTitle': 'Share {number} of {total}',
  'survive.phraseTitle': 'The recovery phrase',
  'survive.writeIntro':
    'Write these words down on paper, in order. They are shown on this screen only while you write.',
  'survive.writtenDown': 'I have written it down',
  'survive.retypeIntro': 'Type the words back from your paper, to be sure they were written right.',
  'survive.retypeLabel': 'The words, as you wrote them',
  'survive.retypeWrong': {
    one: '{count} word is not right: word {words}. Check your paper and type it again.',
    other: '{count} words are not right: words {words}. Check your paper and type them again.',
  },
  'survive.retypeCheck': 'Check what I typed',
  'survive.showAgain': 'Show the words again',
  'survive.testCardsTitle': 'Test recovery: open each card',
  'survive.testCardsIntro':
    'Take each card out, put it back and unlock it with its PIN, as you would to recover the wallet. Each must show this wallet.',
  'survive.testedCard': '{label}: opens this wallet.',
  'survive.untestedCard': '{label}: not tested yet.',
  'survive.testCardInsert': {
    one: 'Insert the last card of the set to test ({count} left).',
    other: 'Insert a card of the set to test ({count} left).',
  },
  'survive.setAsideTitle': 'That card showed another wallet',
  'survive.setAsideText':
    'Do not use it: set it aside. Put the wallet on another card in its place.',
  'survive.testSharesTitle': 'Test recovery: rebuild from the shares',
  'survive.testSharesIntro': {
    one: 'Type {count} share again from your paper.',
    other: 'Type {count} of the shares again from your paper, one at a time.',
  },
  'survive.testShareLabel': 'A share, typed from your paper',
  'survive.testShareCheck': 'Check this share',
  'survive.testSharesProgress': { one: '1 share typed.', other: '{count} shares typed.' },
  'survive.testSharesFailed':
    'The shares typed did not rebuild this wallet. Check your papers and type them again.',
  'survive.planShareCards': 'How many of the shares to keep on backup cards (Seedkeeper)',
  'survive.planShareCardsHint':
    'One share per backup card; the other shares are written down. A share kept on a card is never shown on screen: it goes from this computer straight onto the card, protected by the card’s PIN.',
  'survive.planShareCardsWrong':
    'There are {count} shares, so at most {count} backup cards can keep one each.',
  'survive.shareCardTitle': 'Share {number} of {total}, onto a backup card',
  'survive.shareCardInsert':
    'Insert a backup card (a Seedkeeper) for share {number}. It must not keep a share of this wallet already.',
  'survive.shareCardIntro':
    'The backup card in {reader} is ready. Name it and say where it will be kept, so you can find it in a drill.',
  'survive.shareCardDefaultLabel': 'Share card {number}',
  'survive.shareCardStore': 'Keep share {number} on this card',
  'survive.shareCardStored':
    'Share {number} is on the backup card in {reader}: it was read back from the card and matches. Take the card out.',
  'survive.shareCardNext': 'Go on',
  'survive.testSharesIntroCards': {
    one: 'Give {count} share again: read it from its backup card, or type it from your paper.',
    other:
      'Give {count} of the shares again, one at a time: read each from its backup card, or type it from your paper.',
  },
  'survive.testShareFromCard': 'Read a share from its backup card',
  'survive.testShareCardInsert':
    'Insert a backup card that keeps a share of this wallet, and unlock it with its PIN.',
  'survive.testSharesGiven': { one: '1 share given.', other: '{count} shares given.' },
  'survive.finishTitle': 'Every copy passed',
  'survive.finishText': 'Every card opened this wallet, and what was written down rebuilds it.',
  'survive.finish': 'Finish: the wallet is ready',
  'survive.readyTitle': '{label} is ready',
  'survive.readyText':
    'Every copy was tested. Check them again now and then: the wallet is in your backups with a reminder you can save.',
  'survive.seeInventory': 'See it in your backups',
  'survive.stop': 'Stop and throw this wallet away',
  'survive.unfinishedTitle': 'Unfinished',
  'survive.unfinishedText':
    '"{label}" was being made when the console closed. Go on where it stopped, or throw it away.',
  'survive.unfinishedResume': 'Go on with {label}',
  'survive.unfinishedDiscard': 'Throw {label} away',
  'survive.stoppedTitle': 'Stopped',
  'survive.stoppedBegun':
    'The cards written so far hold an unfinished wallet. It is listed as not finished: do not put money in it.',
  'survive.stoppedNothing': 'Nothing was written onto a card.',
  'survive.backHome': 'Back to the start',
  'inventory.making':
    'Not finished: its copies were not all made and tested. Do not put money in this wallet.',
  'inventory.card': 'Card "{label}" ({family}), kept at: {place}.',
  'inventory.cardLost': 'Card "{label}" ({family}): lost, no longer a copy.',
  'inventory.shares': 'Shares: {threshold} of {count} rebuild it, kept at: {places}.',
  'inventory.shareOnCard': 'on the backup card "{label}" ({family}) at {place}',
  'inventory.phrase': 'Recovery phrase of {count} words, kept at: {place}.',
  'inventory.noPlace': 'not said',
  'inventory.neverDrilled': 'Never checked.',
  'inventory.drillPassed': 'Last check passed on {date}.',
  'inventory.drillFailed': 'Last check FAILED on {date}.',
  'lost.card': 'A card is lost',
  'lost.cardNamed': 'A card is lost from {label}',
  'lost.share': 'A share is lost',
  'lost.shareNamed': 'A share is lost from {label}',
  'lost.cardTitle': 'Which card of {label} is lost?',
  'lost.shareTitle': 'Which share of {label} is lost?',
  'lost.cardOption': 'Card "{label}" ({family}), kept at: {place}',
  'lost.shareOption': 'Share {number}, kept at: {place}',
  'lost.openedTitle': 'Could someone use the card without you?',
  'lost.openedNo': 'No: only I know its PIN',
  'lost.openedYes': 'Yes, or I am not sure: it has no PIN, or someone else knows it',
  'lost.forGood':
    'It is marked lost for good: it no longer counts as a copy, even if it turns up again.',
  'lost.confirm': 'Mark it lost',
  'lost.adviceTitle': 'What to do now',
  'lost.marked': 'It is marked lost.',
  'lost.repairFromShares':
    'Write the wallet onto a new card from its shares, now, so the set has as many copies as before.',
  'lost.repairFromPhrase':
    'Write the wallet onto a new card from its recovery phrase, now, so the set has as many copies as before.',
  'lost.repairFromBoth':
    'Write the wallet onto a new card from its shares or its recovery phrase, now, so the set has as many copies as before.',
  'lost.reshare':
    'The shares you keep still rebuild the wallet. Make a fresh share set from them now; then destroy the old shares you keep: together they still open the wallet.',
  'lost.reshareButton': 'Make a fresh share set',
  'lost.sweepCouldBeOpened':
    'Whoever finds the card may open it. Move the money to a new wallet now.',
  'lost.sweepNoOtherCopy':
    'No share set and no written phrase hold this wallet, and a card never gives its key out, so no new card can be made. Move the money to a new wallet that survives, while a card of the set still opens it.',
  'lost.sweepFinderCanRebuild':
    'The lost shares are enough to rebuild the wallet: whoever has them can take the money. Move it to a new wallet now.',
  'lost.sweepTooFewShares':
    'The shares you keep no longer rebuild the wallet. Move the money to a new wallet while a card of the set or the phrase still opens it.',
  'lost.repair': 'Make a new card',
  'lost.repairNamed': 'Make a new card for {label}',
  'lost.sweep': 'Move the money to a new wallet',
  'repair.title': 'A new card for {label}',
  'repair.titleShares': 'A fresh share set for {label}',
  'repair.rebuildIntro':
    'Type the shares or the recovery phrase of {label}, as you wrote them down. They must open this wallet.',
  'repair.opens': 'This opens {label}.',
  'repair.stop': 'Stop: {label} and its other copies stay as they are',
  'repair.unfinished':
    'New copies of {label} were being made when the console closed. Go on where they stopped, or type the shares or phrase again to start over.',
  'repair.resume': 'Go on where it stopped',
  'repair.doneTitle': 'The new copies of {label} are made',
  'repair.doneText':
    'They were tested, and they are listed among its copies below. The lost ones no longer count.',

  'remember.noSource': 'Unlock a card or rebuild a wallet first, then remember it here.',
  'remember.fromCard': 'The wallet on the unlocked card in {reader}',
  'remember.fromSecret': 'The rebuilt wallet {address}',
  'remember.label': 'A name for this wallet',
  'remember.submit': 'Remember this wallet',
  'remember.saved': 'Remembered as “{label}”.',
  'remember.next': 'Check its backups in “Check a backup” from the start screen.',

  'drill.chooseTitle': 'Which backup of {label} do you want to check?',
  'drill.useOpenCard': 'The unlocked card in {reader}',
  'drill.useSecret': 'The rebuilt wallet {address}',
  'drill.withCard': 'A backup card',
  'drill.withRecovery': 'Shamir shares or a recovery phrase',
  'drill.insertBackup': 'Insert the backup card.',
  'drill.checking': 'Comparing…',
  'drill.resultTitle': 'Result of the check',
  'drill.passed': 'Passed: this backup opens {label}.',
  'drill.failed': 'Failed: this backup does NOT open {label}.',
  'drill.when': 'Checked',
  'drill.method': 'Backup',
  'drill.methodCard': 'Backup card',
  'drill.methodShares': 'Shamir shares',
  'drill.methodPhrase': 'Recovery phrase',
  'drill.opened': 'Fingerprint it opened',
  'drill.expected': 'Wallet fingerprint',
  'drill.noFundsMoved': 'Nothing was signed and no funds moved.',
  'drill.failedNextTitle': 'What to do now',
  'drill.failedPassphrase':
    'If the backup has a passphrase, check it: another passphrase opens another wallet.',
  'drill.failedWhich':
    'Make sure this is a backup of {label}, and that every share or word was typed as written.',
  'drill.failedKeep':
    'Do not rely on this backup until a check passes. The next reminder is offered once one does.',
  'drill.checkAgain': 'Check again',

  'reminder.title': 'Next check',
  'reminder.date': 'Date of the next check',
  'reminder.save': 'Save a calendar reminder (.ics)',
  'reminder.saved': 'Saved {file}. Open it to add the reminder to your calendar.',

  'tools.title': 'Card tools',
  'tools.intro': 'Change the PIN or PUK, unpair this computer, or reset a card.',
  'tools.insert': 'Insert the card to work on.',
  'tools.cardTitle': 'The card in {reader}',
  'tools.lockedHelp':
    'The card is not unlocked, so only the factory reset is available. Release the card and unlock it to use the other tools.',
  'tools.changePin': 'Change the PIN',
  'tools.newPin': 'New PIN ({rule})',
  'tools.repeatPin': 'New PIN again',
  'tools.pinChanged': 'The PIN was changed.',
  'tools.pinChangedLocked':
    'The PIN was changed, and the card locked itself: unlock it with the new PIN to go on.',
  'tools.currentPin': 'Current PIN ({rule})',
  'tools.changePuk': 'Change the PUK',
  'tools.newPuk': 'New PUK ({rule})',
  'tools.repeatPuk': 'New PUK again',
  'tools.pukChanged': 'The PUK was changed.',
  'tools.unpair': 'Unpair this computer',
  'tools.unpairHelp':
    'Frees this computer’s pairing slot on the card. To use the card here again, you need the pairing password.',
  'tools.unpairConfirm': 'Yes, unpair',
  'tools.unpaired': 'This computer is no longer paired with the card.',
  'tools.reset': 'Factory reset',
  'tools.resetDone': 'The card was reset. It is blank now.',
  'tools.release': 'Release the card',
  'tools.releaseHelp': 'Lifeboat lets go of the card and locks it again.',
  'tools.released': 'The card was released and is locked again.',

  'reset.warning':
    'A factory reset erases the wallet, the PIN, the PUK and every pairing. Funds on the card can then only be recovered from its recovery phrase or Shamir shares.',
  'reset.type': 'To confirm, type {words}',
  'reset.submit': 'Erase the card',
  'reset.remembered': 'This is the wallet you remembered as “{label}”.',
  'reset.locked':
    'The card is locked, so Lifeboat cannot see the funds of its wallet. Release it and unlock it with the PIN to see them before erasing.',
  'reset.searching': 'Looking for funds on this card’s wallet…',
  'reset.searchFailed':
    'Lifeboat could not check the funds on this wallet. Check the networks in Settings before erasing.',
  'reset.holdsFunds': 'This card holds a wallet with funds:',
  'reset.moveFirst':
    'Move them to a new card first (“Move funds to a new card”), unless you have this wallet’s recovery phrase or shares at hand.',
  'reset.empty':
    'No funds and no transactions were found for this wallet. Searched: {networks}; {addresses} addresses.',

  'settings.title': 'Settings',
  'settings.intro':
    'Lifeboat contacts only the RPC addresses listed here. Changes take effect when saved.',
  'settings.loading': 'Reading the settings…',
  'settings.networksTitle': 'Networks',
  'settings.networksIntro':
    'Switch on the networks to search and give each an RPC address (one per line).',
  'settings.networkLegend': '{name} (chain {chainId})',
  'settings.networkOn': '{name} (chain {chainId}): searched',
  'settings.networkOff': '{name} (chain {chainId}): not searched',
  'settings.enabled': 'Search {name}',
  'settings.rpcUrls': 'RPC addresses for {name}',
  'settings.explorer': 'Block explorer for {name}',
  'settings.addNetworkTitle': 'Add a network',
  'settings.networkName': 'Name',
  'settings.chainId': 'Chain id',
  'settings.symbol': 'Native coin symbol',
  'settings.feeModel': 'Fee model',
  'settings.feeEip1559': 'EIP-1559 (Ethereum and most chains)',
  'settings.feeOpStack': 'OP Stack (with an L1 data fee)',
  'settings.feeArbitrum': 'Arbitrum',
  'settings.feeLegacy': 'Legacy gas price',
  'settings.rpcUrl': 'RPC address',
  'settings.addNetwork': 'Add the network',
  'settings.badNetwork': 'Give the network a name and a chain id (a whole number).',
  'settings.sameChain':
    'Chain {chainId} is already set up as “{name}”. A chain is set up once, or its funds would be counted twice.',
  'settings.addRpcThere': 'Add this RPC address to {name} instead',
  'settings.tokensTitle': 'Tokens',
  'settings.tokensCaption': 'Tokens you added',
  'settings.noTokens': 'No tokens added. Discovery still looks for the tokens it knows.',
  'settings.tokenAddress': 'Contract address',
  'settings.decimals': 'Decimals',
  'settings.actions': 'Actions',
  'settings.remove': 'Remove',
  'settings.removeToken': 'Remove {symbol}',
  'settings.removeNetwork': 'Remove {name}',
  'settings.removeNetworkHint':
    'The tokens listed for it go with it. Nothing changes until you save the settings.',
  'settings.addToken': 'Add {symbol}',
  'settings.lookUpToken': 'Read the token from the chain',
  'settings.tokenHint':
    'Lifeboat reads the symbol and decimals from the contract, through the network’s saved RPC address.',
  'settings.tokenFound': 'Read from {network}: {symbol}, {decimals} decimals.',
  'settings.tokenListed': 'This token is already in the list for that network.',
  'settings.badTokenAddress': 'That is not a valid contract address.',
  'settings.caTitle': 'Trusted attestation keys',
  'settings.caIntro': 'A card whose certificate was issued by one of these keys counts as genuine.',
  'settings.noCaKeys': 'You have added no keys.',
  'settings.builtInCaKeys': 'Keys built into Lifeboat',
  'settings.builtInCaKey': '(built in: the production Keycard authority; always trusted)',
  'settings.builtInSatochipKey':
    '(built in: the Satochip authority, under Toporin’s root “Toporin Personalization Root CA 1”; always trusted)',
  'settings.builtInSeedkeeperKey':
    '(built in: the Seedkeeper authority, under Toporin’s root “Toporin Personalization Root CA 1”; always trusted)',
  'settings.addedCaKeys': 'Keys you added',
  'settings.caKeyBuiltIn': 'This key is built in and always trusted.',
  'settings.caKey': 'Issuer public key (66 hexadecimal characters)',
  'settings.addCaKey': 'Trust this key',
  'settings.removeCaKey': 'Remove {key}',
  'settings.badCaKey': 'A key is 66 hexadecimal characters starting with 02 or 03.',
  'settings.preferencesTitle': 'Search and fees',
  'settings.schemes': 'Derivation schemes to search',
  'settings.gapLimit': 'Unused addresses before a search stops',
  'settings.feeCap': 'Fee cap proposed for sweeps (gwei per gas, empty for none)',
  'settings.feeCapHint': 'A plan whose fee is above the cap is refused until you raise it.',
  'settings.save': 'Save the settings',
  'settings.saved': 'The settings were saved.',
  'settings.badField': 'Check this field: {field}.',
  'settings.aboutTitle': 'About',
  'settings.version': 'Version',
  'settings.shell': 'Running in',
  'settings.shellElectron': 'The Lifeboat desktop app',
  'settings.shellHarness': 'The development browser harness (not for real funds)',
  'settings.pairingProtection': 'Saved card pairings',
  'nav.networks': 'Networks',
  'theme.dark': 'Dark theme',

  'copy.button': 'Copy',
  'copy.label': 'Copy {what}',
  'copy.address': 'the address {address}',
  'copy.hash': 'the transaction hash {hash}',
  'copy.done': 'Copied.',
  'copy.failed': 'Could not copy. Select the text and copy it instead.',
  'qr.label': 'QR code of {what}',
  'qr.show': 'Show a QR code of {address}',
  'qr.hide': 'Hide QR code of {address}',
  'qr.showButton': 'QR code',
  'qr.hideButton': 'Hide QR code',
  'explorer.button': 'Open on {host}',
  'explorer.openAddress': 'Open on {host}: the address {value}, in your browser',
  'explorer.openTx': 'Open on {host}: the transaction {value}, in your browser',
  'explorer.copyLink': 'Open this link in your browser: {link}',
  'explorer.failed': 'The explorer link could not be opened.',

  'money.pair': 'Priced with the Chainlink {pair} feed, read through your RPC server',
  'money.stale': 'Price out of date (last updated {date})',
  'money.none': 'No price',
  'money.total': '{value}',
  'money.totalPartial': '{value}, not counting assets without a price',
  'money.column': 'Value (USD)',
  'money.accountTotal': 'Total of this account',
  'money.walletTotal': 'Value of everything found: {value}',
  'money.walletTotalPartial':
    'Value of everything found: {value}, not counting assets without a price',
  'money.loading': 'Reading prices…',

  'fee.perGas': '{gwei} gwei per gas',
  'fee.most': 'at most {amount} {symbol}',

  'networks.title': 'Networks',
  'networks.firstRunTitle': 'Which networks do you use?',
  'networks.intro':
    'Tick the networks your funds are on, then tick one or more RPC servers for each: Lifeboat asks them for balances and sends your transactions through them. Nothing is contacted until you tick a server, and then only that server.',
  'networks.fallback':
    'With several servers ticked, Lifeboat uses them in the order you ticked them and moves to the next when one stops answering.',
  'networks.loading': 'Loading the networks…',
  'networks.use': 'I use {name}',
  'networks.servers': 'RPC servers for {name}',
  'networks.trackingNone': 'says it keeps no logs that link requests to people',
  'networks.trackingUnstated': 'says nothing about its logs',
  'networks.endpointHint': '{provider}, {tracking}. Listed in: {source}.',
  'networks.own': 'Your own RPC server for {name}',
  'networks.addOwn': 'Add and check',
  'networks.badUrl': 'An address starts with http:// or https://.',
  'networks.checking': 'Checking…',
  'networks.healthy': 'Serves {name}; round trip {latency} ms; newest block #{block}, {age}.',
  'networks.wrongChain': 'Serves chain {chainId}, not {name}: Lifeboat will refuse it.',
  'networks.ageSeconds': '{seconds} s old',
  'networks.ageMinutes': '{minutes} min old',
  'networks.ageHours': '{hours} h old: it may be behind',
  'networks.ageAhead': 'ahead of this computer’s clock',
  'networks.checkAgain': 'Check again',
  'networks.done': 'Done',
  'networks.later': 'Decide later',
  'networks.laterHint':
    'You can choose networks at any time under Networks. Rebuilding and checking backups work without one.',
  'networks.saved': {
    one: 'Saved: {count} server in use.',
    other: 'Saved: {count} servers in use.',
  },
  'networks.savedFailing': {
    one: 'Saved: {count} server, but it did not pass its check. Untick it, or check it again.',
    other:
      'Saved: {count} servers, but {failing} of them did not pass the check. Untick those, or check them again.',
  },
  'networks.otherNetworks': 'Networks you added yourself are in Settings.',

  'settings.networksChoose': 'Choose public servers',
  'settings.valuesTitle': 'Values and appearance',
  'settings.showValues': 'Show values in US dollars',
  'settings.showValuesHint':
    'Prices come from Chainlink price feeds, read through your own RPC servers: no price service is contacted. Off until you turn it on.',
  'settings.theme': 'Appearance',
  'settings.themeSystem': 'Follow this computer',
  'settings.themeLight': 'Light',
  'settings.themeDark': 'Dark',
  'settings.bundledTokens': 'Looked for on {name} without being added: {tokens}.',
  'send.max': 'Max',
  'send.maxHint':
    'Everything this account holds of it. For the network’s own coin, the fee is taken from it: the review shows the exact amount.',
  'send.maxLabel': 'Max: the whole balance of {symbol}',
  'send.maxFeePerGas': 'Fee per gas',
  'review.totalFeeValue':
    '{network}: at most {fee} {symbol} ({value}) in total at today’s fee of {gwei} gwei per gas.',
  'report.valueColumn': 'Value moved (USD, today’s price)',

  'safe.title': 'Shared wallet (Safe)',
  'safe.intro':
    'A Safe holds money that no single card can move: a set number of its owners must sign. Owners can be your cards, a wallet rebuilt from a recovery phrase, or other people’s addresses.',
  'safe.network': 'Network',
  'safe.noNetwork': 'No network is switched on. Choose one under Networks first.',
  'safe.create': 'Create a shared wallet',
  'safe.openTitle': 'Open a shared wallet',
  'safe.openRemembered': 'Open {address} on {network}',
  'safe.addressLabel': 'Address of the Safe',
  'safe.open': 'Open this Safe',
  'safe.refresh': 'Read it again',
  'safe.sweep': 'Empty this Safe',
  'safe.otherSafe': 'Another shared wallet',
  'safe.cardIn': 'the card in {reader}',
  'safe.rebuiltWallet': 'the rebuilt wallet {address}',
  'safe.createTitle': 'The owners',
  'safe.createIntro':
    'Add every owner. One reader is enough: add a card, take it out, put in the next one and add it too.',
  'safe.ownersTitle': { one: '{count} owner', other: '{count} owners' },
  'safe.ownerLine': '{address}, {label}',
  'safe.removeOwner': 'Remove {address}',
  'safe.insertOwner': 'Put in the first card that will be an owner.',
  'safe.insertNextOwner': 'Put in the next card that will be an owner.',
  'safe.addCard': 'Add a card',
  'safe.addNextCard': 'Add the next card',
  'safe.addSecret': 'Add the rebuilt wallet {address}',
  'safe.otherPerson': 'another person',
  'safe.otherAddress': 'Another person’s address',
  'safe.addAddress': 'Add this address',
  'safe.needOwner': 'Add the owners first: a card, a rebuilt wallet or another person’s address.',
  'safe.needPayer': 'Choose who pays the network fee.',
  'safe.thresholdLabel': 'Signatures needed',
  'safe.thresholdOf': {
    one: '{threshold} of {count} owner must sign.',
    other: '{threshold} of {count} owners must sign.',
  },
  'safe.payerLegend': 'Who pays the network fee',
  'safe.createPlan': 'Show the new Safe’s address',
  'safe.createReviewTitle': 'Check the new Safe',
  'safe.createAddress': 'The Safe will be at this address:',
  'safe.createFee': '{payer} sends the creation and pays at most {fee} {symbol}.',
  'safe.createChecked': 'I checked the owners and the number of signatures needed.',
  'safe.createGo': 'Create the Safe',
  'safe.back': 'Back',
  'safe.detailsTitle': 'The Safe',
  'safe.nonce': {
    one: 'It has made {count} transaction so far (Safe version {version}).',
    other: 'It has made {count} transactions so far (Safe version {version}).',
  },
  'safe.ownersCaption': 'Owners',
  'safe.ownerColumn': 'Owner',
  'safe.heldColumn': 'Whose',
  'safe.yours': 'Yours: {holder}',
  'safe.notYours': 'Not one of the cards or wallets open here',
  'safe.balancesCaption': 'What the Safe holds',
  'safe.assetColumn': 'Asset',
  'safe.amountColumn': 'Amount',
  'safe.sweepTitle': 'Empty the Safe',
  'safe.sweepIntro':
    'Every token, then all of the coin, goes to one address. The Safe pays no fee itself: the payer you choose pays every fee.',
  'safe.sweepTo': 'Send everything to this address',
  'safe.sweepPlan': 'Plan it',
  'safe.sweepReviewTitle': 'Review the plan',
  'safe.sweepToConfirm': 'Continue to the confirmation',
  'safe.sweepConfirmTitle': 'Confirm',
  'safe.signTitle': 'The owners sign',
  'safe.signProgress': '{signed} of {needed} signatures needed.',
  'safe.signedBy': 'Signed by {owner}',
  'safe.signEnough': 'Enough owners have signed. No more signatures are asked for.',
  'safe.heldSigners': 'Your cards and wallets',
  'safe.holderSigned': 'Has signed ✓: {holder}',
  'safe.holderNotOwner': 'Not an owner of this Safe, cannot sign: {holder}',
  'safe.holderChecking': 'Checking whether it is an owner: {holder}',
  'safe.holderUnreadable': 'Cannot be read now (was it taken out?): {holder}',
  'safe.insertSigner': 'Put in the next card that is an owner of this Safe.',
  'safe.signWith': 'Sign with {holder}',
  'safe.signNextCard': 'Sign with another card',
  'safe.changeOwners': 'Change the owners',
  'safe.changeTitle': 'Change the owners',
  'safe.changeKindLegend': 'What to change',
  'safe.kindReplace': 'Replace a lost owner',
  'safe.kindAdd': 'Add an owner',
  'safe.kindRemove': 'Remove an owner',
  'safe.kindThreshold': 'Change how many owners must sign',
  'safe.replaceIntro':
    'The lost card or key stops being an owner and the new address takes its place. The number of signatures needed stays the same.',
  'safe.addIntro':
    'The new address becomes an owner. Choose how many owners must sign from then on.',
  'safe.removeIntro':
    'The owner stops being an owner: its card or key can no longer sign for the Safe. Choose how many of the remaining owners must sign.',
  'safe.thresholdIntro': 'The owners stay the same; only the number of signatures needed changes.',
  'safe.onlyOwner':
    'This Safe has only one owner, and a Safe needs at least one. Add the new owner first, then remove this one.',
  'safe.replaceOld': 'The owner to replace',
  'safe.removeWhich': 'The owner to remove',
  'safe.replaceNew': 'The new owner’s address',
  'safe.thresholdAfterLabel': 'Signatures needed afterwards',
  'safe.thresholdUnchanged': 'The Safe already needs this many signatures.',
  'safe.replacePreview': 'Show the owners before and after',
  'safe.replaceReviewTitle': 'The owners before and after',
  'safe.ownersBefore': 'Owners now',
  'safe.ownersAfter': 'Owners afterwards',
  'safe.ownerLeaving': '{address} (stops being an owner)',
  'safe.ownerJoining': '{address} (new owner)',
  'safe.replaceSend': 'Send the change',
  'safe.changeCancel': 'Cancel this change',
  'safe.replaced': 'The owner was replaced.',
  'safe.added': 'The owner was added.',
  'safe.removed': 'The owner was removed.',
  'safe.thresholdChanged': 'The number of owners who must sign was changed.',
  'safe.pendingChange':
    'A change of the owners is waiting for signatures: {signed} of {needed} so far.',
  'safe.pendingContinue': 'Continue with this change',
  'safe.sweepSend': { one: 'Send the transaction', other: 'Send the {count} transactions' },
} as const satisfies Record<string, string | Plural>;
