import { int, listOf, oneOf, text, url } from './setting.js';

const area = 'identity';

/** ID tokens are accepted only with asymmetric algorithms: symmetric ones and `none` never (that is the point of the list). */
export const ASYMMETRIC_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;

/** Sign-in (VNConnect/OIDC), sessions, lockout, rate limits (src/identity/config.ts, throttle/rate-limits.ts). */
export const identitySettings = {
  OIDC_ISSUER: url({ area, defaultText: 'giả lập VNConnect trong tiến trình', description: 'Issuer OIDC (VNConnect)' }),
  VNCONNECT_ISSUER: url({ area, description: 'Tên cũ của OIDC_ISSUER' }),
  OIDC_CLIENT_ID: text({ area, fallback: 'lienthong', description: 'Mã ứng dụng đăng ký với VNConnect' }),
  OIDC_CLIENT_SECRET: text({
    area,
    secret: true,
    fallback: 'lienthong-demo-secret',
    defaultText: 'khóa demo',
    description: 'Khóa bí mật ứng dụng (client_secret_basic)',
  }),
  OIDC_CLIENT_AUTH: oneOf({
    area,
    values: ['client_secret_basic', 'private_key_jwt'],
    fallback: 'client_secret_basic',
    description: 'Cách xác thực tại token endpoint',
  }),
  OIDC_CLIENT_KEY: text({ area, description: 'Tệp PKCS#8 PEM ký yêu cầu token (private_key_jwt)' }),
  OIDC_CLIENT_KEY_ALG: text({ area, fallback: 'RS256', description: 'Thuật toán của OIDC_CLIENT_KEY' }),
  OIDC_REDIRECT_URI: url({ area, defaultText: 'PUBLIC_URL/auth/oidc/callback', description: 'Redirect URI đã đăng ký' }),
  OIDC_SCOPE: text({ area, fallback: 'openid', description: 'Scope yêu cầu' }),
  OIDC_ACR_VALUES: text({ area, fallback: 'LoA1', description: 'Mức đảm bảo xác thực yêu cầu' }),
  OIDC_ALLOWED_ALGS: listOf({
    area,
    values: ASYMMETRIC_ALGS,
    fallback: ['RS256', 'ES256'],
    description: 'Thuật toán ký ID token chấp nhận (chỉ bất đối xứng, dấu phẩy)',
  }),
  OIDC_JWKS_COOLDOWN_MS: int({ area, fallback: 30_000, description: 'Khoảng tối thiểu giữa hai lần tải lại JWKS (0 = không chờ)' }),
  IDENTITY_MAPPING_RULES: text({ area, description: 'Tệp quy tắc gán vai trò, đơn vị từ thuộc tính VNConnect' }),
  SESSION_TTL: int({ area, fallback: 8 * 3600, min: 1, description: 'Thời hạn phiên đăng nhập (giây)' }),
  BEARER_TTL: int({ area, fallback: 3600, min: 1, description: 'Thời hạn bearer token cấp cho máy khách (giây)' }),
  BEARER_CACHE_MS: int({ area, fallback: 5000, description: 'Thời gian dùng lại kết quả tra bearer token (0 = không)' }),
  LOCKOUT_THRESHOLD: int({ area, fallback: 5, min: 1, description: 'Số lần sai mật khẩu trước khi khóa' }),
  LOCKOUT_SECONDS: int({ area, fallback: 15 * 60, min: 1, description: 'Thời gian khóa đầu tiên (giây, gấp đôi mỗi lần)' }),
  LOCKOUT_MAX_SECONDS: int({ area, fallback: 24 * 3600, min: 1, description: 'Thời gian khóa tối đa (giây)' }),
  DEMO_PASSWORD: text({
    area,
    secret: true,
    defaultText: 'sinh ngẫu nhiên, in ra khi khởi động',
    description: 'Mật khẩu các tài khoản demo',
  }),
  RATE_LIMIT_WINDOW_SECONDS: int({ area, fallback: 60, description: 'Cửa sổ đếm của các giới hạn tần suất (giây)' }),
  RATE_LIMIT_LOGIN_PER_IP: int({ area, fallback: 60, description: 'Lần đăng nhập mỗi IP mỗi cửa sổ (0 = tắt)' }),
  RATE_LIMIT_LOGIN_PER_ACCOUNT: int({ area, fallback: 20, description: 'Lần đăng nhập mỗi tài khoản mỗi cửa sổ' }),
  RATE_LIMIT_TOKEN_PER_IP: int({ area, fallback: 120, description: 'Yêu cầu token mỗi IP mỗi cửa sổ' }),
  RATE_LIMIT_TOKEN_PER_CLIENT: int({ area, fallback: 60, description: 'Yêu cầu token mỗi máy khách mỗi cửa sổ' }),
  RATE_LIMIT_MINISTRY_PER_CLIENT: int({ area, fallback: 1200, description: 'Yêu cầu API bộ, ngành mỗi máy khách mỗi cửa sổ' }),
  RATE_LIMIT_MINISTRY_PER_IP: int({ area, fallback: 2400, description: 'Yêu cầu API bộ, ngành mỗi IP mỗi cửa sổ' }),
};
