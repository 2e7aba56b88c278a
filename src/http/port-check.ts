import net from 'node:net';

/**
 * Fails as listening would (EADDRINUSE, EACCES) when the port cannot be bound, so a start that
 * cannot serve stops before it resets or seeds the store. The probe binds the address the
 * server binds first, as Fastify does for `localhost`, and lets it go at once; port 0 always
 * finds a free port.
 */
export async function assertPortAvailable(port: number, host: string): Promise<void> {
  if (port === 0) return;
  const probe = net.createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen({ port, host, exclusive: true }, () => resolve());
  });
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}
