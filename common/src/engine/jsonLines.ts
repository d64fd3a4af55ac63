// Newline-delimited JSON as the engine streams it (build progress, /events, log follow with JSON lines).

/**
 * Cuts a byte stream of JSON objects separated by newlines into parsed messages. Chunks may split a
 * message anywhere, including inside a multi-byte UTF-8 character, so bytes are kept until a newline.
 */
export class JsonLineSplitter {
  private pending: Buffer[] = [];

  push(chunk: Buffer | string, onMessage: (msg: unknown) => void): void {
    let buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let nl = buf.indexOf(0x0a);
    while (nl >= 0) {
      const line = Buffer.concat([...this.pending, buf.subarray(0, nl)]).toString('utf8').trim();
      this.pending = [];
      if (line) {
        try {
          onMessage(JSON.parse(line));
        } catch {
          // A garbled line is dropped: the callers (build progress, the event stream) recover on the next message.
        }
      }
      buf = buf.subarray(nl + 1);
      nl = buf.indexOf(0x0a);
    }
    if (buf.length) this.pending.push(buf);
  }
}
