import { describe, expect, it } from 'vitest'
import { AdSettingsError, readAdSettings } from './settings'

describe('a site’s ad settings', () => {
  it('are the house provider, 3 s timeouts and a "Hide ads" control when the site sets nothing', () => {
    expect(readAdSettings({})).toEqual({
      provider: 'house',
      providerTimeoutMs: 3000,
      creativeTimeoutMs: 3000,
      readerCanHide: true,
    })
  })

  it('take the values a site sets, each on its own', () => {
    expect(
      readAdSettings({
        VITE_ADS_PROVIDER: 'house',
        VITE_ADS_PROVIDER_TIMEOUT_MS: '1500',
        VITE_ADS_CREATIVE_TIMEOUT_MS: ' 4500 ',
        VITE_ADS_READER_CAN_HIDE: 'false',
      }),
    ).toEqual({
      provider: 'house',
      providerTimeoutMs: 1500,
      creativeTimeoutMs: 4500,
      readerCanHide: false,
    })
  })

  it('stop the build on bad values, naming every setting that is wrong', () => {
    const read = () =>
      readAdSettings({
        VITE_ADS_PROVIDER: 'adserver',
        VITE_ADS_PROVIDER_TIMEOUT_MS: '3s',
        VITE_ADS_CREATIVE_TIMEOUT_MS: '50',
        VITE_ADS_READER_CAN_HIDE: 'yes',
      })
    expect(read).toThrow(AdSettingsError)
    expect(read).toThrow(
      'ad settings: VITE_ADS_PROVIDER is "adserver"; expected one of house; ' +
        'VITE_ADS_PROVIDER_TIMEOUT_MS is "3s"; expected whole milliseconds from 100 to 60000; ' +
        'VITE_ADS_CREATIVE_TIMEOUT_MS is "50"; expected whole milliseconds from 100 to 60000; ' +
        'VITE_ADS_READER_CAN_HIDE is "yes"; expected one of true, false',
    )
  })

  it('treat an empty setting as unset', () => {
    expect(readAdSettings({ VITE_ADS_PROVIDER_TIMEOUT_MS: '' }).providerTimeoutMs).toBe(3000)
  })
})
