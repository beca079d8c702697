import { preact } from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// See ../shared/TOOLCHAIN.md: srcDir and publicDir resolve against the repository root.
export default defineConfig({
  srcDir: 'extension',
  publicDir: 'extension/public',
  outDir: '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms'],
    host_permissions: ['https://web.whatsapp.com/*'],
    browser_specific_settings: { gecko: { id: 'baton@baton.invalid', strict_min_version: '128.0' } },
  },
});
