// The `analyze` command(s): registered here, implemented over src/core.
import type { RegisterCommand } from './index';

export const register: RegisterCommand = () => {
  // filled in by the issue that owns this command
};
