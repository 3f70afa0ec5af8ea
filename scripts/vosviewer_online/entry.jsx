import React from 'react'
import { createRoot } from 'react-dom/client'
import { VOSviewerOnline } from 'vosviewer-online'
import data from './build/vosviewer.json'

createRoot(document.getElementById('root')).render(
  <div style={{ width: '1400px', height: '900px' }}>
    <VOSviewerOnline data={data} parameters={{ largest_component: false }} />
  </div>
)
