/** The SDK's version, sent with every request (`x-medoffice-sdk`); equal to package.json's (a test checks). */
export const SDK_VERSION = '0.1.0';
