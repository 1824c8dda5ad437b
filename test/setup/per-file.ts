import 'reflect-metadata';
import { afterAll } from 'vitest';
import { runFileCleanups } from '../helpers/file-cleanups.js';

// Every file stops what it started (test/helpers/file-cleanups.ts), also when files share a worker's modules.
afterAll(runFileCleanups);
