/**
 * Setup file of the unit tier (vitest.unit.config.ts): any TCP or socket connection throws, so a
 * unit that would need PostgreSQL or Redis fails loudly rather than depending on the machine.
 */
import net from 'node:net';

const refuse = (...args: unknown[]): never => {
  throw new Error(`the unit tier opens no connections (tried ${JSON.stringify(args[0]).slice(0, 80)})`);
};
net.Socket.prototype.connect = refuse as typeof net.Socket.prototype.connect;
