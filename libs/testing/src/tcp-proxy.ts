import { createConnection, createServer, type Socket } from 'node:net';

export interface TcpProxy {
  /** Where clients connect: stays the same while the upstream behind it changes. */
  address: string;
  /** Forwards new connections to `upstream` (`host:port`); null refuses them. Existing ones are cut. */
  retarget(upstream: string | null): void;
  close(): Promise<void>;
}

/**
 * A loopback TCP forwarder: a fixed address for a peer that comes back on another port (kcat's
 * mock cluster picks its ports at random). Kafka clients bootstrap through it, then reach the
 * brokers it advertises; when those die, they fall back to the bootstrap address and find the new ones.
 */
export async function startTcpProxy(upstream: string | null): Promise<TcpProxy> {
  let target = upstream;
  const open = new Set<Socket>();
  const track = (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  };
  const server = createServer((client) => {
    track(client);
    if (!target) return void client.destroy();
    const [host, port] = splitAddress(target);
    const peer = createConnection({ host, port });
    track(peer);
    const cut = () => {
      client.destroy();
      peer.destroy();
    };
    client.on('error', cut).on('close', cut);
    peer.on('error', cut).on('close', cut);
    client.pipe(peer).pipe(client);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  const cutAll = () => {
    for (const socket of open) socket.destroy();
  };
  return {
    address: `127.0.0.1:${port}`,
    retarget: (next) => {
      target = next;
      cutAll();
    },
    close: async () => {
      cutAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function splitAddress(address: string): [string, number] {
  const at = address.lastIndexOf(':');
  return [address.slice(0, at), Number(address.slice(at + 1))];
}
