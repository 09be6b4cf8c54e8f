// Types of after-pack.cjs, for the tests.
export type FuseName =
  | 'RunAsNode'
  | 'EnableCookieEncryption'
  | 'EnableNodeOptionsEnvironmentVariable'
  | 'EnableNodeCliInspectArguments'
  | 'EnableEmbeddedAsarIntegrityValidation'
  | 'OnlyLoadAppFromAsar'
  | 'GrantFileProtocolExtraPrivileges';

export interface AfterPackContext {
  appOutDir: string;
  electronPlatformName: string;
  packager: { appInfo: { productFilename: string }; executableName?: string };
}

/** The parts of @electron/fuses the hook uses. */
export interface FusesApi {
  FuseVersion: { V1: string };
  FuseV1Options: Record<string, number | string>;
  flipFuses(executable: string, config: Record<string, unknown>): Promise<number>;
}

export declare const fuseSettings: Readonly<Record<FuseName, boolean>>;
export declare function electronExecutable(context: AfterPackContext): string;
export declare function fuseConfig(fuses: Pick<FusesApi, 'FuseVersion' | 'FuseV1Options'>, electronPlatformName: string): Record<string, unknown>;
export declare function afterPack(context: AfterPackContext, fuses?: FusesApi): Promise<void>;
