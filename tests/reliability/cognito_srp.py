"""The client side of Cognito's SRP sign-in (USER_SRP_AUTH -> PASSWORD_VERIFIER), written from
/work/shared/spec/srp.md with the standard library only, for the soak driver."""
import base64
import datetime
import hashlib
import hmac
import secrets

N = int(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
    "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7"
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C"
    "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
    16)
G = 2
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def pad(n):
    """Java BigInteger.toByteArray() of n >= 0."""
    raw = n.to_bytes(max(1, (n.bit_length() + 7) // 8), "big")
    return b"\x00" + raw if raw[0] & 0x80 else raw


def h(data):
    return hashlib.sha256(data).digest()


K = int.from_bytes(h(pad(N) + pad(G)), "big")


def timestamp(now=None):
    now = now or datetime.datetime.now(datetime.timezone.utc)
    return (f"{WEEKDAYS[now.weekday()]} {MONTHS[now.month - 1]} {now.day} "
            f"{now.hour:02d}:{now.minute:02d}:{now.second:02d} UTC {now.year}")


class SrpClient:
    def __init__(self, pool_id):
        self.pool_name = pool_id.split("_", 1)[1]
        self.a = int.from_bytes(secrets.token_bytes(128), "big")
        self.A = pow(G, self.a, N)

    def srp_a(self):
        return format(self.A, "x")

    def answer(self, parameters, password):
        """ChallengeResponses for PASSWORD_VERIFIER from the challenge's parameters."""
        user_id = parameters["USER_ID_FOR_SRP"]
        B = int(parameters["SRP_B"], 16)
        salt = int(parameters["SALT"], 16)
        u = int.from_bytes(h(pad(self.A) + pad(B)), "big")
        inner = h(f"{self.pool_name}{user_id}:{password}".encode())
        x = int.from_bytes(h(pad(salt) + inner), "big")
        S = pow((B - K * pow(G, x, N)) % N, self.a + u * x, N)
        prk = hmac.new(pad(u), pad(S), hashlib.sha256).digest()
        key = hmac.new(prk, b"Caldera Derived Key\x01", hashlib.sha256).digest()[:16]
        when = timestamp()
        secret_block = parameters["SECRET_BLOCK"]
        message = (self.pool_name.encode() + user_id.encode() + base64.b64decode(secret_block)
                   + when.encode())
        signature = base64.b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode()
        return {"USERNAME": parameters.get("USERNAME", user_id),
                "PASSWORD_CLAIM_SECRET_BLOCK": secret_block, "TIMESTAMP": when,
                "PASSWORD_CLAIM_SIGNATURE": signature}
