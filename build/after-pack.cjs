// electron-builder afterPack hook: flips Electron's fuses in the packaged binary before it is
// signed. The fuse settings are a plain object and `flipFuses` can be injected, so the hook is
// tested without a packaged app. CommonJS: electron-builder loads hooks with require().
'use strict';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS file loads modules with require
const path = require('node:path');

/** Fuse name (as in @electron/fuses' FuseV1Options) → wanted state. */
const fuseSettings = Object.freeze({
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  // The app uses its own `app:` scheme, never file://.
  GrantFileProtocolExtraPrivileges: false,
});

/** The packaged Electron executable. Linux uses `executableName`, the others the product name. */
function electronExecutable(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${name}.app`);
    case 'win32':
      return path.join(appOutDir, `${name}.exe`);
    case 'linux':
      return path.join(appOutDir, packager.executableName ?? name.toLowerCase());
    default:
      throw new Error(`after-pack: unknown platform ${electronPlatformName}`);
  }
}

/** The config @electron/fuses' `flipFuses` expects, keyed by the FuseV1Options numbers. */
function fuseConfig(fuses, electronPlatformName) {
  const config = {
    version: fuses.FuseVersion.V1,
    resetAdHocDarwinSignature: electronPlatformName === 'darwin',
  };
  for (const [name, enabled] of Object.entries(fuseSettings)) {
    const option = fuses.FuseV1Options[name];
    if (typeof option !== 'number') throw new Error(`after-pack: @electron/fuses knows no fuse ${name}`);
    config[option] = enabled;
  }
  return config;
}

async function afterPack(context, fuses) {
  const api = fuses ?? (await import('@electron/fuses'));
  const executable = electronExecutable(context);
  await api.flipFuses(executable, fuseConfig(api, context.electronPlatformName));
  console.log(`after-pack: fuses flipped in ${executable}`);
}

module.exports = { afterPack, fuseSettings, fuseConfig, electronExecutable };
