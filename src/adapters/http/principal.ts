/**
 * What the caller may do, from req.principal: roles (admin vs organizer) and ownership.
 * Organizers see and change only what they own; anything else looks unknown to them (404),
 * so ids of other people's links are not confirmed. Other resource routes (events, feeds)
 * use the same helpers.
 */
import type { Request, RequestHandler } from 'express';
import type { Actor } from '../../core/audit.js';
import { AppError } from '../../core/errors.js';
import type { Principal } from './context.js';

function principalOf(req: Request): Principal {
  if (!req.principal) throw new AppError('unauthorized', 'Sign in first.');
  return req.principal;
}

/** True for the admin token and for keys with the admin role. */
export function isAdmin(principal: Principal): boolean {
  return principal.kind === 'admin' || principal.role === 'admin';
}

/** Lets only admins through: policy, keys and audit are theirs alone. */
export function requireAdmin(): RequestHandler {
  return (req, _res, next) => {
    next(
      isAdmin(principalOf(req))
        ? undefined
        : new AppError('forbidden', 'Only an admin may do this; your key is an organizer key.'),
    );
  };
}

/** The owner recorded on what the caller creates: its key id, or null for the admin token. */
export function ownerIdOf(req: Request): string | null {
  return principalOf(req).id;
}

/** The list filter for the caller: admins see everything, organizers their own. */
export function ownerScope(req: Request): { ownerId?: string | null } {
  const p = principalOf(req);
  return isAdmin(p) ? {} : { ownerId: p.id };
}

/** Throws `notFound` unless the caller may see a thing owned by ownerId. */
export function assertOwner(req: Request, ownerId: string | null, notFound: AppError): void {
  const p = principalOf(req);
  if (!isAdmin(p) && ownerId !== p.id) throw notFound;
}

/** Who is acting, for the audit log. */
export function actorOf(req: Request): Actor {
  const p = principalOf(req);
  return p.kind === 'admin'
    ? { kind: 'admin', id: null, name: 'admin token' }
    : { kind: 'key', id: p.id, name: p.name ?? null };
}
