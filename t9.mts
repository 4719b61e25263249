import { fillBenchStore } from './bench/feed-data.js';
await fillBenchStore('/tmp/fb', 1000);
