import { preact } from '@preact/preset-vite';
import { defineConfig } from 'wxt';

/**
 * What Baton transmits outside the browser, for Firefox's built-in data consent (required of new
 * add-ons on addons.mozilla.org; https://extensionworkshop.com/documentation/develop/firefox-builtin-data-consent/).
 * Everything goes to one place only: the team's own coordinator, at the address the owner gave.
 * Never the text of a WhatsApp message.
 *
 * required (Baton does nothing without them):
 * - authenticationInfo: the agent's email and password (sign-in), the pairing code and the
 *   browser's name (linking), then the session and device tokens on every call.
 * - personallyIdentifyingInfo: every chat in the list is reported with its title and, when the
 *   page shows it, its JID: a customer's name or phone number.
 * - personalCommunications: the metadata of every message seen (WhatsApp message id, direction,
 *   time, which agent sent a reply), and the team's internal notes and transfer notes, which are
 *   messages the agents write to each other.
 * - websiteContent: all of the above that is read off WhatsApp Web's page (chat titles, JIDs,
 *   message ids and times), and more of it: a hash of each chat's picture address (to tell two
 *   chats of the same name apart), unread counts and the times of the latest customer messages.
 * - websiteActivity: what the agent does in WhatsApp Web: which chat they are viewing, that they
 *   are typing in it (presence, passed to colleagues live), and that they sent a reply.
 * Not declared: browsingActivity (Baton runs on web.whatsapp.com only and reports no address or
 * other site), searchTerms, bookmarksInfo, locationInfo, healthInfo, financialAndPaymentInfo.
 *
 * optional:
 * - technicalAndInteraction: each browser reports which parts of WhatsApp Web's page it can read,
 *   with the extension's version, so the owner's page can show a broken device. Mozilla allows this
 *   type only as optional (the user's choice at install).
 */
const firefoxDataCollection = {
  required: ['authenticationInfo', 'personallyIdentifyingInfo', 'personalCommunications', 'websiteContent', 'websiteActivity'],
  optional: ['technicalAndInteraction'],
};

/**
 * Rollup's INVALID_ANNOTATION about zod's own sources: zod places `@__PURE__` comments where Rollup
 * cannot use them (it says so and drops them). Harmless, and it is the library's code, not ours.
 * Only that code from zod's files is silenced; every other warning is printed as before.
 */
const isZodAnnotationWarning = (warning: { code?: string; id?: string }) =>
  warning.code === 'INVALID_ANNOTATION' && /[\\/]node_modules[\\/]zod[\\/]/.test(warning.id ?? '');

// See ../shared/TOOLCHAIN.md: srcDir and publicDir resolve against the repository root.
export default defineConfig({
  srcDir: 'extension',
  publicDir: 'extension/public',
  outDir: '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
    build: {
      // BATON_NO_MINIFY=1 keeps function names, so bench/content.ts can say where the time goes.
      ...(process.env.BATON_NO_MINIFY ? { minify: false } : {}),
      rollupOptions: {
        // onLog, not onwarn: @preact/preset-vite sets its own onwarn, which would replace ours.
        // Vite calls onLog first and hands it the onwarn chain, so Preact's filters still apply.
        onLog(level, log, handler) {
          if (level === 'warn' && isZodAnnotationWarning(log)) return;
          handler(level, log);
        },
      },
    },
  }),
  // The icons are extension/public/icon/<size>.png (WXT lists them in `icons` by their names),
  // drawn by scripts/icons.mjs. Its store-128.png is for the store listing, not the extension.
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      const store = files.findIndex((file) => file.relativeDest.replaceAll('\\', '/') === 'icon/store-128.png');
      if (store >= 0) files.splice(store, 1);
    },
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms'],
    host_permissions: ['https://web.whatsapp.com/*'],
    browser_specific_settings: {
      // Firefox 140 (the current ESR) and Firefox for Android 142 are the first to show the data
      // consent above at install; older ones would install Baton without asking.
      gecko: {
        id: 'baton@baton.invalid',
        strict_min_version: '140.0',
        // WXT 0.21's manifest type does not know this key yet.
        ...(browser === 'firefox' ? ({ data_collection_permissions: firefoxDataCollection } as object) : {}),
      },
      gecko_android: { strict_min_version: '142.0' },
    },
  }),
});
