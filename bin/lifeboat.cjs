#!/usr/bin/env node
require('../dist/cli/lifeboat.cjs');
