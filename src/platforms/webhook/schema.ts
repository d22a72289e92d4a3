/** The config entries of signed webhooks (Standard Webhooks): any service that verifies them with a stock library. */
import { z } from 'zod';
import type { SecretPattern } from '../../domain/redact.js';
import { DestinationName, fromEnv } from '../destination-fields.js';

export const WebhookDestinationSchema = z.strictObject({
  name: DestinationName,
  type: z.literal('webhook').describe('Your own service: each event POSTed as JSON, signed per Standard Webhooks.'),
  // Plain http only to this machine (a local relay, the fake in tests): a signature does not hide the content.
  url: fromEnv(
    /^https:\/\/\S+$|^http:\/\/(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?\/\S*$/,
    'expected the https URL the events are POSTed to (plain http only to localhost)',
  ).describe('Where each event is POSTed (https; http only to localhost).'),
  secret: fromEnv(
    /^whsec_[A-Za-z0-9+/]{24,}={0,2}$/,
    'expected a Standard Webhooks secret: whsec_ followed by base64 of 24 bytes or more (e.g. from `openssl rand -base64 32`)',
  ).describe('The signing secret, from the environment: ${WEBHOOK_SECRET} (whsec_ + base64).'),
});
export type WebhookDestination = z.output<typeof WebhookDestinationSchema>;

/** The shapes its secrets take, for text that quotes one never registered (every command's redactor). */
export const secretShapes: readonly SecretPattern[] = [
  // Standard Webhooks signing secrets.
  [/\bwhsec_[A-Za-z0-9+/=]{8,}/g, 'whsec_[secret]'],
];
