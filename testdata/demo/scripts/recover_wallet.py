"""One-off: rebuild the settlement wallet on a fresh host."""
from eth_account import Account

Account.enable_unaudited_hdwallet_features()

# one-off: delete this file once the wallet is restored
RECOVERY_PHRASE = "give problem build seed chase note muscle pumpkin hundred help orange trial"

acct = Account.from_mnemonic(RECOVERY_PHRASE, account_path="m/44'/60'/0'/0/0")
print(acct.address)
