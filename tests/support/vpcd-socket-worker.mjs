// The socket side of a vpcd card, on its own thread. pcscd polls every reader by asking the
// card for its ATR, and blocks until it answers; some pcsclite calls (SCardCancel when a
// reader or context closes) block the caller's thread until pcscd answers. A card served
// by the same thread as that caller would deadlock both, so the ATR and the power
// messages are answered here, and only C-APDUs go to the card model on the main thread.
//
// The card counts as inserted once the reader has asked for its ATR, not when the TCP
// connection opens: vpcd accepts a new connection only after its next poll found the
// previous card gone, so until then a connected card is not yet in the reader, and pcscd
// still reports the card that was there before (whose closed socket the first APDU would
// hit, failing with "Transaction failed").
import net from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';

const { host, port, atr, timeoutMs } = workerData;
const CONTROL = { off: 0x00, on: 0x01, reset: 0x02, atr: 0x04 };

function frame(data) {
  const out = Buffer.alloc(2 + data.length);
  out.writeUInt16BE(data.length, 0);
  out.set(data, 2);
  return out;
}

function connectOnce() {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.removeListener('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

async function connect() {
  // pcscd opens the vpcd port a moment after it starts, so retry until it listens.
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await connectOnce();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

let socket;
try {
  socket = await connect();
} catch (error) {
  parentPort.postMessage({ type: 'failed', message: String(error?.message ?? error) });
  process.exit(0);
}

socket.setNoDelay(true);
let buffered = Buffer.alloc(0);
let nextId = 0;
let taken = false;
const notTaken = setTimeout(() => {
  parentPort.postMessage({
    type: 'failed',
    message:
      `The virtual reader on port ${port} did not take the card within ${timeoutMs} ms ` +
      '(is another card still in it?).',
  });
  socket.destroy();
}, timeoutMs);
socket.on('data', (chunk) => {
  buffered = Buffer.concat([buffered, chunk]);
  while (buffered.length >= 2) {
    const length = buffered.readUInt16BE(0);
    if (buffered.length < 2 + length) return;
    const payload = new Uint8Array(buffered.subarray(2, 2 + length));
    buffered = buffered.subarray(2 + length);
    if (!taken) {
      taken = true;
      clearTimeout(notTaken);
      parentPort.postMessage({ type: 'inserted' });
    }
    if (payload.length === 1 && payload[0] === CONTROL.atr) socket.write(frame(atr));
    else if (payload.length === 1) parentPort.postMessage({ type: 'control', value: payload[0] });
    else parentPort.postMessage({ type: 'apdu', id: nextId++, apdu: payload });
  }
});
socket.on('error', () => socket.destroy());
socket.on('close', () => {
  clearTimeout(notTaken);
  if (taken) parentPort.postMessage({ type: 'removed' });
  parentPort.close();
});

parentPort.on('message', (message) => {
  if (message.type === 'answer' && !socket.destroyed) socket.write(frame(message.data));
  // end() sends what is queued first, so an answer written just before still arrives.
  if (message.type === 'remove') socket.end(() => socket.destroy());
});
