/**
 * The theme as React context. Apart from theme.ts so that what runs before React is
 * loaded (startWorkbench choosing React's build) can make a theme without loading it.
 */
import {createContext, useContext} from 'react';
import {createTheme, type Theme} from './theme.js';

export const ThemeContext = createContext<Theme>(createTheme({colour: true}));

export function useTheme(): Theme {
	return useContext(ThemeContext);
}
