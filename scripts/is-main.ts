/** Whether the module at `moduleUrl` is the script node was started with (its URL escapes spaces and such). */
import { pathToFileURL } from 'node:url';

export const isMain = (moduleUrl: string, argv1 = process.argv[1]): boolean =>
  argv1 !== undefined && moduleUrl === pathToFileURL(argv1).href;
